/* Only a forward declaration and a look-alike: nothing to add. */
struct msghdr;

struct compat_msghdr {
	unsigned int	msg_name;
	int		msg_namelen;
	unsigned int	msg_iov;
	unsigned int	msg_iovlen;
	unsigned int	msg_control;
	unsigned int	msg_controllen;
	unsigned int	msg_flags;
};

int put_cmsg(struct msghdr *msg, int level, int type, int len, void *data);

static int msg_namelen(const struct msghdr *msg)
{
	struct msghdr copy = *msg;

	return copy.msg_namelen;
}
