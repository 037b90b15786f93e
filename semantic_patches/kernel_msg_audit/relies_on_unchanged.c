/* Callers that rely on the kvec staying unchanged: class (iii). */

/* Advances its single kvec by hand after a partial send (drbd). */
static int send_all(struct socket *sock, void *buf, size_t size)
{
	struct kvec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int sent = 0, rv;

	do {
		rv = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
		if (rv == -EAGAIN)
			continue;
		if (rv < 0)
			break;
		sent += rv;
		iov.iov_base += rv;
		iov.iov_len -= rv;
	} while (sent < size);
	return sent;
}

/* Moves on to the first unsent kvec by hand (cifs). */
static int send_vec(struct socket *sock, struct kvec *iov, size_t n_vec,
		    unsigned int remaining)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	size_t first = 0, i;
	int rc = 0;

	while (remaining) {
		rc = kernel_sendmsg(sock, &msg, &iov[first], n_vec - first,
				    remaining);
		if (rc < 0)
			break;
		remaining -= rc;
		for (i = first; i < n_vec; i++) {
			if (rc < iov[i].iov_len) {
				first = i;
				break;
			}
			rc -= iov[i].iov_len;
		}
	}
	return rc;
}

/* Sends the same datagram for every entry of a queue (rxrpc). */
static void reject_all(struct local *local, struct sk_buff_head *queue)
{
	struct msghdr msg;
	struct kvec iov[2];
	struct header hdr;
	__be32 code;

	iov[0].iov_base = &hdr;
	iov[0].iov_len = sizeof(hdr);
	iov[1].iov_base = &code;
	iov[1].iov_len = sizeof(code);
	memset(&msg, 0, sizeof(msg));
	while (skb_dequeue(queue)) {
		code = htonl(local->code);
		kernel_sendmsg(local->socket, &msg, iov, 2,
			       sizeof(hdr) + sizeof(code));
	}
}

/* Retries the same kvec after -EMSGSIZE, with fragmentation allowed. */
static int send_packet(struct socket *sock, struct sk_buff *skb)
{
	struct msghdr msg;
	struct kvec iov[1];
	int ret;

	iov[0].iov_base = skb->head;
	iov[0].iov_len = skb->len;
	memset(&msg, 0, sizeof(msg));
	ret = kernel_sendmsg(sock, &msg, iov, 1, iov[0].iov_len);
	if (ret != -EMSGSIZE)
		return ret;
	allow_fragments(sock);
	return kernel_sendmsg(sock, &msg, iov, 1, iov[0].iov_len);
}
