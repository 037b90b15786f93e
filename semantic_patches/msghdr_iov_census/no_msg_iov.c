struct msghdr {
	void *msg_name;
	unsigned int msg_flags;
};

int flags_of(struct msghdr *msg)
{
	return msg->msg_flags;
}
