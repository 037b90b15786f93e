/*
 * Demo tree: lustre's socket transmit and receive, in the shape of
 * 3.18's socklnd_lib-linux.c.
 *
 * Class (i): both copy the kvec array to a scratch array first, so
 * whatever the call does to it is thrown away ("NB we can't trust
 * socket ops to either consume our iovs or leave them alone").
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>

struct ksock_conn {
	struct socket *ksnc_sock;
	struct kvec *ksnc_scratch_iov;
	struct kvec *ksnc_rx_iov;
	unsigned int ksnc_rx_niov;
};

struct ksock_tx {
	struct kvec *tx_iov;
	unsigned int tx_niov;
};

int ksocknal_lib_send_iov(struct ksock_conn *conn, struct ksock_tx *tx)
{
	struct kvec *scratchiov = conn->ksnc_scratch_iov;
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	unsigned int i;
	int nob;

	for (nob = i = 0; i < tx->tx_niov; i++) {
		scratchiov[i] = tx->tx_iov[i];
		nob += scratchiov[i].iov_len;
	}
	return kernel_sendmsg(conn->ksnc_sock, &msg, scratchiov, tx->tx_niov,
			      nob);
}

int ksocknal_lib_recv_iov(struct ksock_conn *conn)
{
	struct kvec *scratchiov = conn->ksnc_scratch_iov;
	struct msghdr msg = { .msg_flags = 0 };
	unsigned int i;
	int nob;

	for (nob = i = 0; i < conn->ksnc_rx_niov; i++) {
		scratchiov[i] = conn->ksnc_rx_iov[i];
		nob += scratchiov[i].iov_len;
	}
	return kernel_recvmsg(conn->ksnc_sock, &msg, scratchiov,
			      conn->ksnc_rx_niov, nob, MSG_DONTWAIT);
}
