// SPDX-License-Identifier: GPL-2.0
/*
 * cocci-series in-kernel callers: kernel_sendmsg()/kernel_recvmsg() over a
 * loopback TCP connection with multi-segment kvecs, as the kernel's own callers
 * use them (iscsi, sunrpc, ceph, dlm...).
 *
 * Built out of tree (M=) against each patch of a series and loaded by the probe.
 * It prints on the console, one line each:
 *   cocci-kmod: PASS|FAIL <case>[: why]   what every caller may rely on
 *   cocci-kmod: OBS <name> <value>        what the kernel does to the caller's kvec,
 *                                         which a conversion to iov_iter changes
 * and then refuses to stay loaded (its init returns -EAGAIN once it is done), so
 * that it can be loaded again.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/in.h>
#include <linux/uio.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <net/sock.h>

#define TOTAL 200

static u8 src[TOTAL], dst[TOTAL + 64];

static u8 pattern(int seed, int i)
{
	return (u8)(i * 7 + seed * 13 + 1);
}

static void report(const char *name, int ok, const char *why)
{
	if (ok)
		printk(KERN_NOTICE "cocci-kmod: PASS %s\n", name);
	else
		printk(KERN_NOTICE "cocci-kmod: FAIL %s: %s\n", name, why);
}

/* what became of VEC (N segments) against SAVED: unchanged, advanced (by BYTES) */
static const char *kvec_state(const struct kvec *vec, const struct kvec *saved, int n,
			      size_t bytes)
{
	size_t left = bytes;
	int i, advanced = 1;

	if (!memcmp(vec, saved, n * sizeof(*vec)))
		return "unchanged";
	for (i = 0; i < n; i++) {
		size_t step = min(left, saved[i].iov_len);

		if (vec[i].iov_base != saved[i].iov_base + step ||
		    vec[i].iov_len != saved[i].iov_len - step)
			advanced = 0;
		left -= step;
	}
	return advanced ? "advanced" : "other";
}

static int bytes_ok(const u8 *buf, int n, int seed, int offset)
{
	int i;

	for (i = 0; i < n; i++)
		if (buf[i] != pattern(seed, offset + i))
			return 0;
	return 1;
}

static int send_all(struct socket *s, int seed, int from, int len)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	struct kvec v = { src + from, len };
	int i;

	for (i = 0; i < len; i++)
		src[from + i] = pattern(seed, from + i);
	return kernel_sendmsg(s, &msg, &v, 1, len);
}

static int pair(struct socket **c, struct socket **a)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct socket *l;
	int len = sizeof(sin), err;

	err = sock_create_kern(AF_INET, SOCK_STREAM, IPPROTO_TCP, &l);
	if (err)
		return err;
	err = kernel_bind(l, (struct sockaddr *)&sin, sizeof(sin));
	if (!err)
		err = kernel_listen(l, 1);
	if (!err)
		err = kernel_getsockname(l, (struct sockaddr *)&sin, &len);
	if (!err)
		err = sock_create_kern(AF_INET, SOCK_STREAM, IPPROTO_TCP, c);
	if (!err) {
		err = kernel_connect(*c, (struct sockaddr *)&sin, len, 0);
		if (!err)
			err = kernel_accept(l, a, 0);
		if (err)
			sock_release(*c);
	}
	sock_release(l);
	if (!err) {
		(*a)->sk->sk_rcvtimeo = 2 * HZ;
		(*c)->sk->sk_sndtimeo = 2 * HZ;
	}
	return err;
}

static void t_sendmsg(struct socket *c, struct socket *a)
{
	struct kvec v[3], saved[3];
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	struct kvec rv = { dst, TOTAL };
	int i, n;

	for (i = 0; i < TOTAL; i++)
		src[i] = pattern(1, i);
	v[0] = (struct kvec){ src, 5 };
	v[1] = (struct kvec){ src + 5, 100 };
	v[2] = (struct kvec){ src + 105, 95 };
	memcpy(saved, v, sizeof(v));
	n = kernel_sendmsg(c, &msg, v, 3, TOTAL);
	report("kmod_sendmsg", n == TOTAL, "kernel_sendmsg did not send every byte");
	printk(KERN_NOTICE "cocci-kmod: OBS kmod_sendmsg_kvec %s\n",
	       kvec_state(v, saved, 3, TOTAL));
	memset(dst, 0, sizeof(dst));
	memset(&msg, 0, sizeof(msg));
	n = kernel_recvmsg(a, &msg, &rv, 1, TOTAL, MSG_WAITALL);
	report("kmod_sendmsg_bytes", n == TOTAL && bytes_ok(dst, TOTAL, 1, 0),
	       "the peer did not receive the bytes sent");
}

static void t_recvmsg(struct socket *c, struct socket *a)
{
	struct kvec v[3], saved[3];
	struct msghdr msg = {};
	int n, ok;

	send_all(c, 2, 0, TOTAL);
	memset(dst, 0xa5, sizeof(dst));
	v[0] = (struct kvec){ dst, 64 };
	v[1] = (struct kvec){ dst + 64, 3 };
	v[2] = (struct kvec){ dst + 67, 133 };
	memcpy(saved, v, sizeof(v));
	n = kernel_recvmsg(a, &msg, v, 3, TOTAL, MSG_WAITALL);
	ok = n == TOTAL && bytes_ok(dst, TOTAL, 2, 0) && dst[TOTAL] == 0xa5;
	report("kmod_recvmsg", ok, "wrong length or bytes");
	printk(KERN_NOTICE "cocci-kmod: OBS kmod_recvmsg_kvec %s\n",
	       kvec_state(v, saved, 3, TOTAL));
}

/*
 * The receive loop of iscsit_do_rx_data() in 3.18: call kernel_recvmsg() until
 * DATA bytes came, passing the same kvec again.  Correct only while the kernel
 * advances the kvec; the peer sends in two parts so that the loop runs twice.
 */
static void t_rx_loop(struct socket *c, struct socket *a)
{
	struct kvec v[2];
	struct msghdr msg = {};
	int total_rx = 0, rx, calls = 0;

	memset(dst, 0xa5, sizeof(dst));
	v[0] = (struct kvec){ dst, 120 };
	v[1] = (struct kvec){ dst + 120, TOTAL - 120 };
	send_all(c, 3, 0, 80);
	while (total_rx < TOTAL && calls < 4) {
		rx = kernel_recvmsg(a, &msg, v, 2, TOTAL - total_rx, 0);
		calls++;
		if (rx <= 0)
			break;
		total_rx += rx;
		if (calls == 1)
			send_all(c, 3, 80, TOTAL - 80);
	}
	report("kmod_rx_loop_len", total_rx == TOTAL, "the loop did not receive every byte");
	printk(KERN_NOTICE "cocci-kmod: OBS kmod_rx_loop_same_kvec %s\n",
	       total_rx == TOTAL && bytes_ok(dst, TOTAL, 3, 0) ? "correct" : "corrupt");
}

/* the same loop as a caller must write it when the kvec is not advanced: rebuilt */
static void t_rx_loop_rebuilt(struct socket *c, struct socket *a)
{
	struct kvec v[2];
	struct msghdr msg = {};
	int total_rx = 0, rx, calls = 0;

	memset(dst, 0xa5, sizeof(dst));
	send_all(c, 4, 0, 80);
	while (total_rx < TOTAL && calls < 4) {
		int skip = total_rx, k = 0;

		if (skip < 120) {
			v[k++] = (struct kvec){ dst + skip, 120 - skip };
			skip = 120;
		}
		v[k++] = (struct kvec){ dst + skip, TOTAL - skip };
		rx = kernel_recvmsg(a, &msg, v, k, TOTAL - total_rx, 0);
		calls++;
		if (rx <= 0)
			break;
		total_rx += rx;
		if (calls == 1)
			send_all(c, 4, 80, TOTAL - 80);
	}
	report("kmod_rx_loop_rebuilt",
	       total_rx == TOTAL && bytes_ok(dst, TOTAL, 4, 0) && dst[TOTAL] == 0xa5,
	       "wrong length or bytes");
}

static int __init cocci_kmod_init(void)
{
	struct socket *c, *a;
	int err = pair(&c, &a);

	report("kmod_setup", !err, "no loopback TCP connection");
	if (err)
		return -EAGAIN;
	t_sendmsg(c, a);
	t_recvmsg(c, a);
	t_rx_loop(c, a);
	t_rx_loop_rebuilt(c, a);
	sock_release(c);
	sock_release(a);
	printk(KERN_NOTICE "cocci-kmod: done\n");
	return -EAGAIN;
}

module_init(cocci_kmod_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cocci-series: kernel_sendmsg()/kernel_recvmsg() callers at run time");
