static int foo_msghdr_parse(const struct msghdr *msg, struct foo_cmsgs *c);

/* Only reads the msghdr: it stays const. */
static int foo_msghdr_parse(const struct msghdr *msg, struct foo_cmsgs *c)
{
	if (msg->msg_controllen < sizeof(struct cmsghdr))
		return -EINVAL;
	return foo_cmsg_parse(msg->msg_control, msg->msg_controllen, c);
}

/* Not a msghdr helper: nothing to drop. */
static int foo_send_check(const struct msghdr *msg, size_t len)
{
	return foo_len_ok(msg, len) ? memcpy_from_msg_len(msg) : -EINVAL;
}

/* The helper gets another msghdr: this one stays const. */
static int foo_forward(const struct msghdr *msg, struct msghdr *out, int len)
{
	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	return memcpy_to_msg(out, foo_buf(msg), len);
}
