/* Callers that pass a throwaway copy of their kvec: class (i). */

/* Element by element into a scratch array (lustre's socklnd). */
static int send_copy(struct socket *sock, struct tx *tx, struct kvec *scratch)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	int nob, i;

	/* NB we can't trust socket ops to either consume our iovs
	 * or leave them alone. */
	for (nob = i = 0; i < tx->niov; i++) {
		scratch[i] = tx->iov[i];
		nob += scratch[i].iov_len;
	}
	return kernel_sendmsg(sock, &msg, scratch, tx->niov, nob);
}

/* memcpy() into a local array first (ncpfs). */
static int send_memcpy(struct socket *sock, struct req *req)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	struct kvec vec[3];

	memcpy(vec, req->iov, req->iovlen * sizeof(vec[0]));
	return kernel_sendmsg(sock, &msg, vec, req->iovlen, req->len);
}

/* A helper that copies the rest of the original before every call (cifs). */
static int read_rest(struct server *server, struct kvec *iov_orig,
		     unsigned int nr_segs, unsigned int to_read)
{
	struct msghdr msg = { .msg_flags = 0 };
	struct kvec *iov = server->scratch;
	unsigned int segs;
	int total, got = 0;

	for (total = 0; to_read; total += got, to_read -= got) {
		segs = kvec_array_init(iov, iov_orig, nr_segs, total);
		got = kernel_recvmsg(server->sock, &msg, iov, segs, to_read, 0);
		if (got <= 0)
			return got;
	}
	return total;
}
