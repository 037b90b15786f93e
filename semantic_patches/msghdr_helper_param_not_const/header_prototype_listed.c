/* sm.h-like: the prototype of a listed function loses its const. */
struct sctp_chunk *sctp_make_abort(const struct sctp_association *,
				   const struct sctp_chunk *,
				   const size_t hint);
struct sctp_chunk *sctp_make_abort_user(const struct sctp_association *,
					const struct msghdr *, size_t msg_len);
int sctp_msghdr_check(const struct msghdr *);
