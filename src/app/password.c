/*
 * Password hashing and session tokens (password.h) with libsodium.
 */
#include "app/password.h"

#include <sodium.h>
#include <string.h>

_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

static void sodium_ready(void)
{
    if (sodium_init() < 0)
        BUG("libsodium cannot start");
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX], struct trp_err *err)
{
    size_t n = strlen(pw);
    if (n < PASSWORD_MIN)
        return trp_err_set(err, TRP_EINVAL,
                           "the password is %zu characters long; use at least %d (a few words "
                           "make a good one)",
                           n, PASSWORD_MIN);
    if (n > PASSWORD_MAX)
        return trp_err_set(err, TRP_EINVAL, "the password is longer than %d characters",
                           PASSWORD_MAX);
    sodium_ready();
    if (crypto_pwhash_str_alg(out, pw, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return trp_err_set(err, TRP_EIO, "not enough memory to hash the password");
    return 0;
}

int password_verify(const char *stored, const char *pw)
{
    sodium_ready();
    return crypto_pwhash_str_verify(stored, pw, strlen(pw)) == 0;
}

void password_verify_dummy(const char *pw)
{
    /* Hashing costs what verifying costs (the same argon2id work), with no shared state. */
    char scratch[crypto_pwhash_STRBYTES];
    sodium_ready();
    if (crypto_pwhash_str_alg(scratch, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return; /* out of memory: the caller refuses the login anyway */
}

void token_new(char out[TOKEN_HEX])
{
    unsigned char raw[32];
    sodium_ready();
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, TOKEN_HEX, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void token_hash(const char *token, char out[TOKEN_HEX])
{
    unsigned char h[32];
    sodium_ready();
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, TOKEN_HEX, h, sizeof h);
}
