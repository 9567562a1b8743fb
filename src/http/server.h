/*
 * Starting and stopping trp's web server (`trp serve`). The server runs on its own threads;
 * the caller only waits for a signal and stops it.
 */
#ifndef TRP_HTTP_SERVER_H
#define TRP_HTTP_SERVER_H

#include "http/http.h"

struct http_server;

/* Loads the knowledge base, makes fresh secrets and starts listening. */
int http_server_start(const struct http_config *cfg, struct http_server **out,
                      struct trp_err *err);

/* The port actually bound (the free one picked for port 0). */
unsigned http_server_port(const struct http_server *srv);

/* Requests completed so far (any outcome); a count that stops moving means the server is
 * idle. */
unsigned long http_server_requests(const struct http_server *srv);

/* The one-time login token to print in the URL. */
const char *http_server_token(const struct http_server *srv);

/* Stops the threads (closing their database connections) and frees the server. */
void http_server_stop(struct http_server *srv);

#endif
