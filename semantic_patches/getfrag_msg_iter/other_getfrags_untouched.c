struct iovec;
struct sk_buff;

struct frag_vec {
	const struct iovec *iov;
};

/* A getfrag callback of its own, on an iovec of its own. */
static int my_getfrag(void *from, char *to, int offset, int len, int odd,
		      struct sk_buff *skb)
{
	struct frag_vec *fv = from;

	return memcpy_fromiovecend(to, fv->iov, offset, len);
}
