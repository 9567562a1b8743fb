/*
 * Passwords and secrets of the clinic's accounts: argon2id through libsodium's
 * crypto_pwhash_str (opslimit 2, memlimit 64 MiB: libsodium's INTERACTIVE level, above
 * OWASP's floor for argon2id of 19 MiB and 2 passes), random session tokens and the hash
 * under which a token is stored, so that a copy of the database opens no session.
 */
#ifndef TRP_APP_PASSWORD_H
#define TRP_APP_PASSWORD_H

#include <stddef.h>

#include "base/err.h"

enum {
    PASSWORD_HASH_MAX = 128, /* crypto_pwhash_STRBYTES */
    PASSWORD_MIN = 10,       /* characters; long passphrases are welcome */
    PASSWORD_MAX = 256,
    TOKEN_HEX = 65,          /* 32 random bytes as hex, and the NUL */
};

/* Checks the length rules and hashes pw into out. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX], struct trp_err *err);

/* 1 when pw matches the stored hash, 0 when not (also for a malformed hash). */
int password_verify(const char *stored, const char *pw);

/* Spends the time of one verification, for a login name that does not exist, so that the
 * answer's timing does not tell which logins do. */
void password_verify_dummy(const char *pw);

/* A fresh random token (session or CSRF) as hex, and the hex hash it is stored under. */
void token_new(char out[TOKEN_HEX]);
void token_hash(const char *token, char out[TOKEN_HEX]);

#endif
