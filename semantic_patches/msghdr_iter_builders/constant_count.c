struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen; };
struct rxrpc_call;

int rxrpc_kernel_send_data(struct rxrpc_call *call, struct msghdr *msg,
			   unsigned long len);

int send_empty_reply(struct rxrpc_call *call)
{
	struct msghdr msg;
	struct iovec iov[1];

	msg.msg_name = 0;
	msg.msg_iov = iov;
	msg.msg_iovlen = 0;

	switch (rxrpc_kernel_send_data(call, &msg, 0)) {
	case 0:
		return 0;
	default:
		return -1;
	}
}
