struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen; };

/* spatch parses a macro body on its own: its argument has no type, and
 * the access is marked untyped; the tool's token scan calls it hidden. */
#define FIRST_SEG(m) ((m)->msg_iov[0].iov_base)

void *first_seg(struct msghdr *msg)
{
	return FIRST_SEG(msg);
}
