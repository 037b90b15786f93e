/* Callers the rules cannot decide: class unknown, each with its reason. */

/* A thin wrapper: the kvec belongs to its callers (ncpfs, ceph, ocfs2). */
static int do_send(struct socket *sock, struct kvec *vec, int count, int len)
{
	struct msghdr msg = { .msg_flags = 0 };

	return kernel_sendmsg(sock, &msg, vec, count, len);
}

/* Reads the kvec after the call: advanced or not? (dlm, sunrpc) */
static int recv_logged(struct socket *sock, void *page, int len)
{
	struct msghdr msg = { .msg_flags = 0 };
	struct kvec iov[2];
	int ret;

	iov[0].iov_base = page;
	iov[0].iov_len = len;
	ret = kernel_recvmsg(sock, &msg, iov, 1, len, MSG_DONTWAIT);
	if (ret < 0)
		pr_debug("recv into %p failed: %d\n", iov[0].iov_base, ret);
	return ret;
}

/* The kvec pointer comes from elsewhere (iscsi target tx). */
static int tx_data(struct conn *conn, struct count *count)
{
	struct msghdr msg;
	struct kvec *iov_p;

	memset(&msg, 0, sizeof(msg));
	iov_p = count->iov;
	return kernel_sendmsg(conn->sock, &msg, iov_p, count->iov_count,
			      count->data_length);
}

/* A queued entry's kvec, sent as found (tipc): it stays queued on -EAGAIN. */
static void send_queue(struct conn *con)
{
	struct entry *e;
	struct msghdr msg;
	int ret;

	while ((e = first_entry(con))) {
		memset(&msg, 0, sizeof(msg));
		ret = kernel_sendmsg(con->sock, &msg, &e->iov, 1, e->iov.iov_len);
		if (ret == -EAGAIN)
			return;
		free_entry(e);
	}
}
