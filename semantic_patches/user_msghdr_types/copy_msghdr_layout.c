static int copy_msghdr_from_user(struct msghdr *kmsg,
				 struct msghdr __user *umsg)
{
	if (copy_from_user(kmsg, umsg, sizeof(struct msghdr)))
		return -EFAULT;

	if (kmsg->msg_name == NULL)
		kmsg->msg_namelen = 0;
	return 0;
}
