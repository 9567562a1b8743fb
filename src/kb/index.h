/*
 * The ranking index of the knowledge base, generated at build time from the muscle files
 * by scripts/kb_index.py (see there for why). Entry i corresponds to trp_muscle_files[i].
 */
#ifndef TRP_KB_INDEX_H
#define TRP_KB_INDEX_H

#include <stddef.h>

struct kb_index_entry {
    const char *id;
    const char *name;
    int commonness;
    int evidence;         /* 2 experimental referral study, 1 consensus text, 0 expert opinion */
    const char *const *essential;
    size_t n_essential;
    const char *const *spillover;
    size_t n_spillover;
    const char *const *tp_regions; /* where its trigger points lie, without repeats */
    size_t n_tp_regions;
    size_t file;          /* index into trp_muscle_files */
    const char *group;    /* the entry's part_of, else its own id: entries of one group
                             overlap and `where` shows only the best of them */
};

extern const struct kb_index_entry trp_kb_index[];
extern const size_t trp_kb_index_count;

#endif
