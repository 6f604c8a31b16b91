/* Command line of kpartx. */
#ifndef KP_OPTIONS_H
#define KP_OPTIONS_H

enum kp_action { KP_LIST, KP_ADD, KP_DELETE, KP_UPDATE };

struct kp_opts {
	enum kp_action action;
	int read_only;        /* -r */
	const char *delim;    /* -p; NULL: the default rule (kp_default_delim) */
	int force_gpt;        /* -g */
	int sync;             /* -s (default) / -n */
	int verbose;          /* -v */
	const char *type;     /* -t; NULL: every reader */
	const char *disk;     /* the wholedisk argument */
};

/* Parse argv (getopt is reset first, so this can run more than once). Returns 0, or
 * -EINVAL with a one-line reason in err[errlen]. */
int kp_parse_opts(int argc, char **argv, struct kp_opts *o, char *err, unsigned int errlen);
/* The usage text. */
const char *kp_usage(void);

#endif
