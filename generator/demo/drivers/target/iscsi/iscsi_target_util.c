/*
 * Demo tree: the iSCSI target's receive helper, in the shape of 3.18's
 * iscsit_do_rx_data().
 *
 * Class (ii): the loop calls kernel_recvmsg() again and again with the
 * same kvec until all the data has arrived.  It relies on the call to
 * advance the kvec: with an iov_iter in struct msghdr the kvec stays as
 * it was, and every round would receive into the start of the buffer.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

struct iscsi_conn {
	struct socket *sock;
};

struct iscsi_data_count {
	int data_length;
	int iov_count;
	struct kvec *iov;
};

static int iscsit_do_rx_data(struct iscsi_conn *conn,
			     struct iscsi_data_count *count)
{
	int data = count->data_length, rx_loop = 0, total_rx = 0, iov_len;
	struct msghdr msg = { .msg_flags = 0 };
	struct kvec *iov_p;

	if (!conn || !conn->sock)
		return -EINVAL;

	iov_p = count->iov;
	iov_len = count->iov_count;

	while (total_rx < data) {
		rx_loop = kernel_recvmsg(conn->sock, &msg, iov_p, iov_len,
					 data - total_rx, MSG_WAITALL);
		if (rx_loop <= 0)
			return rx_loop;
		total_rx += rx_loop;
	}

	return total_rx;
}

int rx_data(struct iscsi_conn *conn, struct kvec *iov, int iov_count,
	    int data)
{
	struct iscsi_data_count c = {
		.data_length = data,
		.iov_count = iov_count,
		.iov = iov,
	};

	return iscsit_do_rx_data(conn, &c);
}
