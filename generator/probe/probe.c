// SPDX-License-Identifier: GPL-2.0
/*
 * cocci-series probe: the socket paths a msghdr conversion touches, at run time.
 *
 * Every case sends a message through a multi-segment iovec and receives it through
 * a differently split one, then checks the bytes, the lengths, the flags
 * (MSG_TRUNC, MSG_CTRUNC), msg_namelen and that the caller's iovec array is
 * unchanged.  Security cases check that a segment pointing into kernel space fails
 * with EFAULT and writes nothing, and that a negative segment length is EINVAL.
 *
 * Output: one line per case, "PASS name", "FAIL name: why" or "SKIP name: why",
 * then "probe: N passed, N failed, N skipped".  Exit status 1 when a case failed.
 *
 * As PID 1 (init of a test kernel) it first mounts /proc and /dev (tmpfs), brings
 * lo up, opens ping sockets to every group, loads the module COCCI_KMOD names
 * on the command line, runs /selftests/<name> (each a case), runs the 32-bit probe
 * COCCI_PROBE32 names (its cases prefixed "compat:") and powers off, or restarts
 * with COCCI_END=restart (a kernel without a power-off device, under qemu -no-reboot).
 * Elsewhere it first tries to unshare a network namespace, so a host run touches
 * nothing but its own loopback.
 */
#include "sys.h"

#define PASS 0
#define FAIL 1
#define SKIP 2

static char why[200];

static int counts[3];
static int is_init;
static const char *case_prefix = ""; /* COCCI_PREFIX: "compat:" for the 32-bit run */

/* -- libc-free helpers ------------------------------------------------------------ */

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;

	if (dp < sp)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

void *memset(void *d, int c, size_t n)
{
	u8 *dp = d;

	while (n--)
		*dp++ = (u8)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *ap = a, *bp = b;

	for (; n; n--, ap++, bp++)
		if (*ap != *bp)
			return *ap < *bp ? -1 : 1;
	return 0;
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int seq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void out(const char *s)
{
	x_write(1, s, slen(s));
}

/* append S to BUF, an array of SIZE bytes */
static void catn(char *buf, size_t size, const char *s)
{
	size_t n = slen(buf);

	while (*s && n < size - 1)
		buf[n++] = *s++;
	buf[n] = 0;
}
#define cat(buf, s) catn(buf, sizeof(buf), s)

/* V in decimal, in a static buffer */
static const char *numstr(long v)
{
	static char t[24];
	int i = 23;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	t[i] = 0;
	do {
		t[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		t[--i] = '-';
	return t + i;
}
#define catnum(buf, v) cat(buf, numstr(v))

static int failf(const char *what, long got, int line)
{
	why[0] = 0;
	cat(why, what);
	cat(why, " (got ");
	catnum(why, got);
	cat(why, ", probe.c:");
	catnum(why, line);
	cat(why, ")");
	return FAIL;
}

static int skipf(const char *what, long err)
{
	why[0] = 0;
	cat(why, what);
	if (err) {
		cat(why, " (errno ");
		catnum(why, -err);
		cat(why, ")");
	}
	return SKIP;
}

#define CHECK(cond, what, got)                            \
	do {                                              \
		if (!(cond))                              \
			return failf(what, (long)(got), __LINE__); \
	} while (0)

/* a socket call's "not here" errors: the family or protocol is not built or loaded */
static int unsupported(long err)
{
	return err == -EAFNOSUPPORT || err == -EPROTONOSUPPORT || err == -ESOCKTNOSUPPORT ||
	       err == -EOPNOTSUPP || err == -ENOENT || err == -ENOPKG || err == -ENODEV ||
	       err == -ENOPROTOOPT || err == -ENOSYS;
}

static int denied(long err)
{
	return err == -EPERM || err == -EACCES;
}

static void rcvtimeo(int fd)
{
	struct timeval_l tv = { 2, 0 };

	x_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	x_setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static void sleep_ms(long ms)
{
	struct timespec_l ts = { ms / 1000, (ms % 1000) * 1000000L };

	x_nanosleep(&ts);
}

/* -- the message and its iovecs --------------------------------------------------- */

#define MSG_BYTES 200
static const size_t send_split[] = { 1, 7, 50, 142 };	/* sums to MSG_BYTES */
static const size_t recv_split[] = { 64, 3, 100, 33 };	/* sums to MSG_BYTES */
#define NSEG 4

static u8 sendbuf[4096];
static u8 recvbuf[4096];

static u8 pattern(int seed, size_t i)
{
	return (u8)(i * 7 + seed * 13 + 1);
}

static void fill(u8 *buf, size_t n, int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = pattern(seed, i);
}

/* index of the first byte of BUF[0..N) that is not the pattern from OFFSET, or -1 */
static long badbyte(const u8 *buf, size_t n, int seed, size_t offset)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf[i] != pattern(seed, offset + i))
			return (long)i;
	return -1;
}

/* IOV over BUF, split by LENS; the gaps between segments catch stray writes */
static void split(struct iovec *iov, u8 *buf, const size_t *lens, int n)
{
	int i;
	size_t at = 0;

	for (i = 0; i < n; i++) {
		iov[i].iov_base = buf + at;
		iov[i].iov_len = lens[i];
		at += lens[i] + 16;
	}
}

/* the bytes the segments hold, joined (RECVBUF's gaps left out) into OUT */
static void join(const struct iovec *iov, int n, u8 *outp)
{
	int i;

	for (i = 0; i < n; i++) {
		memcpy(outp, iov[i].iov_base, iov[i].iov_len);
		outp += iov[i].iov_len;
	}
}

/* the gaps RECVBUF keeps between segments are untouched (0xa5) */
static int gaps_clean(const struct iovec *iov, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		const u8 *g = (const u8 *)iov[i].iov_base + iov[i].iov_len;
		int k;

		for (k = 0; k < 16; k++)
			if (g[k] != 0xa5)
				return 0;
	}
	return 1;
}

/* the pattern of SEED through the segments of IOV, as one message */
static void fill_segs(struct iovec *iov, int n, int seed)
{
	int i;
	size_t at = 0, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < iov[i].iov_len; k++)
			((u8 *)iov[i].iov_base)[k] = pattern(seed, at + k);
		at += iov[i].iov_len;
	}
}

struct sent {
	struct iovec iov[NSEG];
	struct iovec saved[NSEG];
};

/* sendmsg() of MSG_BYTES bytes (SEED) in four segments, to NAME if given */
static long send4(int fd, int seed, void *name, int namelen, int flags, struct sent *s)
{
	struct msghdr m;

	split(s->iov, sendbuf, send_split, NSEG);
	fill_segs(s->iov, NSEG, seed);
	memcpy(s->saved, s->iov, sizeof(s->iov));
	memset(&m, 0, sizeof(m));
	m.msg_name = name;
	m.msg_namelen = namelen;
	m.msg_iov = s->iov;
	m.msg_iovlen = NSEG;
	return x_sendmsg(fd, &m, flags);
}

struct got {
	struct iovec iov[NSEG];
	struct iovec saved[NSEG];
	struct msghdr m;
	u8 name[128];
	u8 joined[MSG_BYTES];
};

/* recvmsg() into four segments split by LENS (default recv_split) */
static long recv4(int fd, int flags, const size_t *lens, struct got *g)
{
	memset(recvbuf, 0xa5, sizeof(recvbuf));
	memset(g, 0, sizeof(*g));
	split(g->iov, recvbuf, lens ? lens : recv_split, NSEG);
	memcpy(g->saved, g->iov, sizeof(g->iov));
	g->m.msg_name = g->name;
	g->m.msg_namelen = sizeof(g->name);
	g->m.msg_iov = g->iov;
	g->m.msg_iovlen = NSEG;
	return x_recvmsg(fd, &g->m, flags);
}

/* the checks every transfer makes: length, bytes, both iovec arrays unchanged */
#define CHECK_XFER(sent_, got_, n, expect, seed)                                       \
	do {                                                                           \
		CHECK((n) == (expect), "recvmsg length", n);                           \
		CHECK(!memcmp((sent_)->iov, (sent_)->saved, sizeof((sent_)->iov)),     \
		      "sendmsg changed the caller's iovec array", 0);                  \
		CHECK(!memcmp((got_)->iov, (got_)->saved, sizeof((got_)->iov)),        \
		      "recvmsg changed the caller's iovec array", 0);                  \
		CHECK(gaps_clean((got_)->iov, NSEG), "recvmsg wrote between segments", 0); \
		join((got_)->iov, NSEG, (got_)->joined);                                \
		CHECK(badbyte((got_)->joined, (size_t)(expect), seed, 0) < 0, "byte at",   \
		      badbyte((got_)->joined, (size_t)(expect), seed, 0));                \
	} while (0)

/* -- AF_UNIX ---------------------------------------------------------------------- */

static int pair(int type, int sv[2])
{
	long r = x_socketpair(AF_UNIX, type, 0, sv);

	if (r < 0)
		return (int)r;
	rcvtimeo(sv[0]);
	rcvtimeo(sv[1]);
	return 0;
}

static int unix_xfer(int type)
{
	int sv[2];
	struct sent s;
	struct got g;
	long n;

	CHECK(pair(type, sv) == 0, "socketpair", 0);
	n = send4(sv[0], 1, 0, 0, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	if (type == SOCK_STREAM) {
		n = recv4(sv[1], MSG_PEEK, 0, &g);
		CHECK(n == MSG_BYTES, "peek length", n);
	}
	n = recv4(sv[1], 0, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 1);
	CHECK(g.m.msg_flags == 0, "msg_flags", g.m.msg_flags);
	if (type != SOCK_STREAM) {
		static const size_t small[NSEG] = { 10, 20, 30, 40 };

		n = send4(sv[0], 2, 0, 0, 0, &s);
		CHECK(n == MSG_BYTES, "sendmsg", n);
		n = recv4(sv[1], 0, small, &g);
		CHECK(n == 100, "truncated recvmsg length", n);
		CHECK(g.m.msg_flags & MSG_TRUNC, "MSG_TRUNC missing, msg_flags", g.m.msg_flags);
		join(g.iov, NSEG, g.joined);
		CHECK(badbyte(g.joined, 100, 2, 0) < 0, "byte at", badbyte(g.joined, 100, 2, 0));
		CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
		CHECK(gaps_clean(g.iov, NSEG), "recvmsg wrote between segments", 0);
		n = send4(sv[0], 3, 0, 0, 0, &s);
		n = recv4(sv[1], MSG_TRUNC, small, &g);
		CHECK(n == MSG_BYTES, "recvmsg(MSG_TRUNC) returns the real length", n);
	}
	x_close(sv[0]);
	x_close(sv[1]);
	return PASS;
}

static int t_unix_stream(void) { return unix_xfer(SOCK_STREAM); }
static int t_unix_dgram(void) { return unix_xfer(SOCK_DGRAM); }
static int t_unix_seqpacket(void) { return unix_xfer(SOCK_SEQPACKET); }

static int t_unix_stream_partial(void)
{
	int sv[2];
	struct sent s;
	long n, total = 0;
	u8 got[MSG_BYTES];

	CHECK(pair(SOCK_STREAM, sv) == 0, "socketpair", 0);
	n = send4(sv[0], 4, 0, 0, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	while (total < MSG_BYTES) {
		n = x_recvfrom(sv[1], got + total, 33, 0, 0, 0);
		CHECK(n > 0 && n <= 33, "partial read", n);
		total += n;
	}
	CHECK(badbyte(got, MSG_BYTES, 4, 0) < 0, "byte at", badbyte(got, MSG_BYTES, 4, 0));
	x_close(sv[0]);
	x_close(sv[1]);
	return PASS;
}

static int t_unix_scm_rights(void)
{
	int sv[2], fds[2], type;

	for (type = SOCK_STREAM; type <= SOCK_SEQPACKET; type += SOCK_SEQPACKET - SOCK_STREAM) {
		struct sent s;
		struct got g;
		union {
			struct cmsghdr h;
			u8 b[CMSG_SPACE(2 * sizeof(int))];
		} ctl;
		struct msghdr m;
		long n;
		int passed[2];

		CHECK(pair(type, sv) == 0, "socketpair", type);
		CHECK(pair(SOCK_DGRAM, fds) == 0, "socketpair for the fds", 0);
		split(s.iov, sendbuf, send_split, NSEG);
		fill_segs(s.iov, NSEG, 5);
		memcpy(s.saved, s.iov, sizeof(s.iov));
		memset(&ctl, 0, sizeof(ctl));
		ctl.h.cmsg_len = CMSG_LEN(2 * sizeof(int));
		ctl.h.cmsg_level = SOL_SOCKET;
		ctl.h.cmsg_type = SCM_RIGHTS;
		memcpy(CMSG_DATA(&ctl.h), fds, sizeof(fds));
		memset(&m, 0, sizeof(m));
		m.msg_iov = s.iov;
		m.msg_iovlen = NSEG;
		m.msg_control = &ctl;
		m.msg_controllen = sizeof(ctl);
		n = x_sendmsg(sv[0], &m, 0);
		CHECK(n == MSG_BYTES, "sendmsg with SCM_RIGHTS", n);
		CHECK(!memcmp(s.iov, s.saved, sizeof(s.iov)), "sendmsg changed the iovec array", 0);
		memset(&ctl, 0, sizeof(ctl));
		recv4(sv[1], MSG_PEEK, 0, &g); /* a peek passes no fds */
		memset(recvbuf, 0xa5, sizeof(recvbuf));
		g.m.msg_control = &ctl;
		g.m.msg_controllen = sizeof(ctl);
		g.m.msg_namelen = 0;
		g.m.msg_name = 0;
		n = x_recvmsg(sv[1], &g.m, 0);
		CHECK(n == MSG_BYTES, "recvmsg length", n);
		join(g.iov, NSEG, g.joined);
		CHECK(badbyte(g.joined, MSG_BYTES, 5, 0) < 0, "byte at",
		      badbyte(g.joined, MSG_BYTES, 5, 0));
		CHECK(!(g.m.msg_flags & MSG_CTRUNC), "MSG_CTRUNC with room, msg_flags", g.m.msg_flags);
		CHECK(ctl.h.cmsg_type == SCM_RIGHTS && ctl.h.cmsg_len == CMSG_LEN(2 * sizeof(int)),
		      "the SCM_RIGHTS header, cmsg_len", ctl.h.cmsg_len);
		memcpy(passed, CMSG_DATA(&ctl.h), sizeof(passed));
		n = x_write(passed[0], "fd", 2);
		CHECK(n == 2, "write through the passed fd", n);
		n = x_read(fds[1], recvbuf, 2);
		CHECK(n == 2 && recvbuf[0] == 'f', "read from the fd's peer", n);
		x_close(passed[0]);
		x_close(passed[1]);
		/* again, with room for one int only: MSG_CTRUNC */
		n = send4(sv[0], 6, 0, 0, 0, &s);
		m.msg_iov = s.iov;
		memset(&ctl, 0, sizeof(ctl));
		ctl.h.cmsg_len = CMSG_LEN(2 * sizeof(int));
		ctl.h.cmsg_level = SOL_SOCKET;
		ctl.h.cmsg_type = SCM_RIGHTS;
		memcpy(CMSG_DATA(&ctl.h), fds, sizeof(fds));
		m.msg_control = &ctl;
		m.msg_controllen = sizeof(ctl);
		recv4(sv[1], 0, 0, &g); /* drain the plain send4() */
		n = x_sendmsg(sv[0], &m, 0);
		CHECK(n == MSG_BYTES, "second sendmsg", n);
		memset(&ctl, 0, sizeof(ctl));
		memset(&g.m, 0, sizeof(g.m));
		g.m.msg_iov = g.iov;
		g.m.msg_iovlen = NSEG;
		g.m.msg_control = &ctl;
		g.m.msg_controllen = CMSG_LEN(sizeof(int));
		n = x_recvmsg(sv[1], &g.m, 0);
		CHECK(n == MSG_BYTES, "recvmsg length, short control", n);
		CHECK(g.m.msg_flags & MSG_CTRUNC, "MSG_CTRUNC missing, msg_flags", g.m.msg_flags);
		if (ctl.h.cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(passed, CMSG_DATA(&ctl.h), sizeof(int));
			x_close(passed[0]);
		}
		x_close(sv[0]);
		x_close(sv[1]);
		x_close(fds[0]);
		x_close(fds[1]);
	}
	return PASS;
}

static int t_unix_dgram_named(void)
{
	struct sockaddr_un a, b;
	int fa, fb, len;
	struct sent s;
	struct got g;
	long n;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.sun_family = b.sun_family = AF_UNIX;
	memcpy(a.sun_path, "\0cocci-probe-a", 14);
	memcpy(b.sun_path, "\0cocci-probe-b", 14);
	len = 2 + 14;
	fa = (int)x_socket(AF_UNIX, SOCK_DGRAM, 0);
	fb = (int)x_socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK(fa >= 0 && fb >= 0, "socket", fa);
	rcvtimeo(fb);
	n = x_bind(fa, &a, len);
	CHECK(n == 0, "bind a", n);
	n = x_bind(fb, &b, len);
	CHECK(n == 0, "bind b", n);
	n = send4(fa, 7, &b, len, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg to a name", n);
	n = recv4(fb, 0, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 7);
	CHECK(g.m.msg_namelen == len, "msg_namelen", g.m.msg_namelen);
	CHECK(!memcmp(g.name, &a, (size_t)len), "the sender's name", 0);
	x_close(fa);
	x_close(fb);
	return PASS;
}

/* -- UDP, UDP-Lite ---------------------------------------------------------------- */

static const u8 loop6[16] = { [15] = 1 };

/* loopback of FAMILY: IPv6 for AF_INET6, IPv4 for the others (AF_INET, AF_RDS) */
static int inet_addr(int family, void *sa, u16 port)
{
	if (family != AF_INET6) {
		struct sockaddr_in *in = sa;

		memset(in, 0, sizeof(*in));
		in->sin_family = AF_INET;
		in->sin_port = be16(port);
		in->sin_addr = be32(0x7f000001);
		return sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = sa;

		memset(in6, 0, sizeof(*in6));
		in6->sin6_family = AF_INET6;
		in6->sin6_port = be16(port);
		memcpy(in6->sin6_addr, loop6, 16);
		return sizeof(*in6);
	}
}

/* a socket bound to loopback, port chosen by the kernel; its name in SA */
static long bound(int family, int type, int proto, void *sa, int *len)
{
	int fd = (int)x_socket(family, type, proto);
	long r;

	if (fd < 0)
		return fd;
	*len = inet_addr(family, sa, 0);
	r = x_bind(fd, sa, *len);
	if (r == 0)
		r = x_getsockname(fd, sa, len);
	if (r < 0) {
		x_close(fd);
		return r;
	}
	rcvtimeo(fd);
	return fd;
}

static int dgram_case(int family, int proto)
{
	u8 sa_r[32], sa_s[32];
	int lr, ls, fr, fs;
	struct sent s;
	struct got g;
	long n;
	static const size_t small[NSEG] = { 10, 20, 30, 40 };

	n = bound(family, SOCK_DGRAM, proto, sa_r, &lr);
	if (unsupported(n))
		return skipf("no such socket", n);
	CHECK(n >= 0, "receiver", n);
	fr = (int)n;
	n = bound(family, SOCK_DGRAM, proto, sa_s, &ls);
	CHECK(n >= 0, "sender", n);
	fs = (int)n;
	n = send4(fs, 8, sa_r, lr, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	n = recv4(fr, MSG_PEEK, 0, &g);
	CHECK(n == MSG_BYTES, "peek", n);
	n = recv4(fr, 0, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 8);
	CHECK(g.m.msg_namelen == ls, "msg_namelen", g.m.msg_namelen);
	CHECK(!memcmp(g.name, sa_s, 4), "the sender's port and family", 0);
	CHECK(g.m.msg_flags == 0, "msg_flags", g.m.msg_flags);
	n = send4(fs, 9, sa_r, lr, 0, &s);
	n = recv4(fr, 0, small, &g);
	CHECK(n == 100, "truncated length", n);
	CHECK(g.m.msg_flags & MSG_TRUNC, "MSG_TRUNC missing, msg_flags", g.m.msg_flags);
	join(g.iov, NSEG, g.joined);
	CHECK(badbyte(g.joined, 100, 9, 0) < 0, "byte at", badbyte(g.joined, 100, 9, 0));
	CHECK(gaps_clean(g.iov, NSEG), "recvmsg wrote between segments", 0);
	/* connected: sendto() without a name, recvfrom() */
	n = x_connect(fs, sa_r, lr);
	CHECK(n == 0, "connect", n);
	fill(sendbuf, MSG_BYTES, 10);
	n = x_sendto(fs, sendbuf, MSG_BYTES, 0, 0, 0);
	CHECK(n == MSG_BYTES, "send", n);
	memset(recvbuf, 0, MSG_BYTES);
	n = x_recvfrom(fr, recvbuf, MSG_BYTES, 0, 0, 0);
	CHECK(n == MSG_BYTES, "recv", n);
	CHECK(badbyte(recvbuf, MSG_BYTES, 10, 0) < 0, "recv byte at",
	      badbyte(recvbuf, MSG_BYTES, 10, 0));
	x_close(fr);
	x_close(fs);
	return PASS;
}

static int t_udp4(void) { return dgram_case(AF_INET, IPPROTO_UDP); }
static int t_udp6(void) { return dgram_case(AF_INET6, IPPROTO_UDP); }
static int t_udplite4(void) { return dgram_case(AF_INET, IPPROTO_UDPLITE); }
static int t_udplite6(void) { return dgram_case(AF_INET6, IPPROTO_UDPLITE); }

static int t_mmsg(void)
{
	u8 sa_r[32], sa_s[32];
	int lr, ls, fr, fs, i;
	struct iovec siov[2][NSEG], riov[2][NSEG], saved[2][NSEG];
	struct mmsghdr sm[2], rm[2];
	struct timespec_l ts = { 2, 0 };
	long n;

	n = bound(AF_INET, SOCK_DGRAM, IPPROTO_UDP, sa_r, &lr);
	CHECK(n >= 0, "receiver", n);
	fr = (int)n;
	n = bound(AF_INET, SOCK_DGRAM, IPPROTO_UDP, sa_s, &ls);
	CHECK(n >= 0, "sender", n);
	fs = (int)n;
	memset(recvbuf, 0xa5, sizeof(recvbuf));
	for (i = 0; i < 2; i++) {
		split(siov[i], sendbuf + i * 1024, send_split, NSEG);
		fill_segs(siov[i], NSEG, 20 + i);
		split(riov[i], recvbuf + i * 1024, recv_split, NSEG);
		memset(&sm[i], 0, sizeof(sm[i]));
		memset(&rm[i], 0, sizeof(rm[i]));
		sm[i].msg_hdr.msg_name = sa_r;
		sm[i].msg_hdr.msg_namelen = lr;
		sm[i].msg_hdr.msg_iov = siov[i];
		sm[i].msg_hdr.msg_iovlen = NSEG;
		rm[i].msg_hdr.msg_iov = riov[i];
		rm[i].msg_hdr.msg_iovlen = NSEG;
	}
	memcpy(saved, siov, sizeof(saved));
	n = x_sendmmsg(fs, sm, 2, 0);
	CHECK(n == 2, "sendmmsg", n);
	CHECK(sm[0].msg_len == MSG_BYTES && sm[1].msg_len == MSG_BYTES, "sendmmsg msg_len",
	      sm[1].msg_len);
	CHECK(!memcmp(saved, siov, sizeof(saved)), "sendmmsg changed an iovec array", 0);
	memcpy(saved, riov, sizeof(saved));
	n = x_recvmmsg(fr, rm, 2, MSG_WAITALL, &ts);
	CHECK(n == 2, "recvmmsg", n);
	CHECK(!memcmp(saved, riov, sizeof(saved)), "recvmmsg changed an iovec array", 0);
	for (i = 0; i < 2; i++) {
		u8 joined[MSG_BYTES];

		CHECK(rm[i].msg_len == MSG_BYTES, "recvmmsg msg_len", rm[i].msg_len);
		CHECK(gaps_clean(riov[i], NSEG), "recvmmsg wrote between segments", i);
		join(riov[i], NSEG, joined);
		CHECK(badbyte(joined, MSG_BYTES, 20 + i, 0) < 0, "byte at",
		      badbyte(joined, MSG_BYTES, 20 + i, 0));
	}
	x_close(fr);
	x_close(fs);
	return PASS;
}

/* -- TCP, DCCP ------------------------------------------------------------------- */

/* a connected pair over loopback: C (client), A (accepted) */
static long stream_pair(int family, int type, int proto, int *c, int *a)
{
	u8 sa[32];
	int len;
	long l, r;

	l = bound(family, type, proto, sa, &len);
	if (l < 0)
		return l;
	r = x_listen((int)l, 4);
	if (r == 0)
		r = x_socket(family, type, proto);
	if (r < 0) {
		x_close((int)l);
		return r;
	}
	*c = (int)r;
	r = x_connect(*c, sa, len);
	if (r == 0)
		r = x_accept((int)l);
	x_close((int)l);
	if (r < 0) {
		x_close(*c);
		return r;
	}
	*a = (int)r;
	rcvtimeo(*a);
	rcvtimeo(*c);
	return 0;
}

static int tcp_case(int family)
{
	int c, a, pid, status;
	struct sent s;
	struct got g;
	long n;
	u8 oob;

	n = stream_pair(family, SOCK_STREAM, IPPROTO_TCP, &c, &a);
	if (unsupported(n))
		return skipf("no such socket", n);
	CHECK(n == 0, "connected pair", n);
	n = send4(c, 11, 0, 0, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	n = recv4(a, MSG_PEEK | MSG_WAITALL, 0, &g);
	CHECK(n == MSG_BYTES, "peek", n);
	join(g.iov, NSEG, g.joined);
	CHECK(badbyte(g.joined, MSG_BYTES, 11, 0) < 0, "peeked byte at",
	      badbyte(g.joined, MSG_BYTES, 11, 0));
	n = recv4(a, MSG_WAITALL, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 11);
	/* MSG_WAITALL over a message the peer sends in two parts, 50 ms apart */
	pid = (int)x_fork();
	CHECK(pid >= 0, "fork", pid);
	if (pid == 0) {
		fill(sendbuf, MSG_BYTES, 12);
		x_sendto(c, sendbuf, 60, 0, 0, 0);
		sleep_ms(50);
		x_sendto(c, sendbuf + 60, MSG_BYTES - 60, 0, 0, 0);
		x_exit(0);
	}
	n = recv4(a, MSG_WAITALL, 0, &g);
	x_wait4(pid, &status, 0);
	CHECK(n == MSG_BYTES, "MSG_WAITALL length", n);
	join(g.iov, NSEG, g.joined);
	CHECK(badbyte(g.joined, MSG_BYTES, 12, 0) < 0, "MSG_WAITALL byte at",
	      badbyte(g.joined, MSG_BYTES, 12, 0));
	CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
	/* partial reads */
	n = send4(c, 13, 0, 0, 0, &s);
	{
		long total = 0;
		u8 got[MSG_BYTES];

		while (total < MSG_BYTES) {
			n = x_recvfrom(a, got + total, 37, 0, 0, 0);
			CHECK(n > 0 && n <= 37, "partial read", n);
			total += n;
		}
		CHECK(badbyte(got, MSG_BYTES, 13, 0) < 0, "partial byte at",
		      badbyte(got, MSG_BYTES, 13, 0));
	}
	/* urgent data */
	oob = 0x5a;
	n = x_sendto(c, &oob, 1, MSG_OOB, 0, 0);
	CHECK(n == 1, "send MSG_OOB", n);
	oob = 0;
	n = -EAGAIN;
	for (status = 0; status < 200 && n == -EAGAIN; status++) {
		n = x_recvfrom(a, &oob, 1, MSG_OOB | MSG_DONTWAIT, 0, 0);
		if (n == -EAGAIN || n == -EINVAL)
			sleep_ms(1), n = -EAGAIN;
	}
	CHECK(n == 1 && oob == 0x5a, "recv MSG_OOB", n);
	x_close(c);
	x_close(a);
	return PASS;
}

static int t_tcp4(void) { return tcp_case(AF_INET); }
static int t_tcp6(void) { return tcp_case(AF_INET6); }

/*
 * TCP Fast Open: a sendmsg(MSG_FASTOPEN) on an unconnected socket connects with a SYN
 * that carries the first bytes (about 3.5 KB here, which ends inside the third
 * segment), then sends the rest once connected; then a sendto(MSG_FASTOPEN) whose
 * data all fits in the SYN.  init_setup() turns the client side on without a cookie
 * (and the server side without one too, for a listener with TCP_FASTOPEN).  The bytes
 * arriving is the test; a SYN that carried none of them (TCP_INFO) is a skip, since
 * the send then never skipped what the SYN sent.
 */
#define TFO_BYTES 6000
static const size_t tfo_split[NSEG] = { 1000, 1, 2499, 2500 };	/* sums to TFO_BYTES */
static u8 tfo_sendbuf[TFO_BYTES + NSEG * 16];
static u8 tfo_recvbuf[TFO_BYTES];

/* read N bytes from FD into tfo_recvbuf; the pattern of SEED checked */
static int tfo_read(int fd, long n, int seed)
{
	long total = 0, r;

	memset(tfo_recvbuf, 0xa5, sizeof(tfo_recvbuf));
	while (total < n) {
		r = x_recvfrom(fd, tfo_recvbuf + total, (size_t)(n - total), 0, 0, 0);
		CHECK(r > 0, "recv", r);
		total += r;
	}
	CHECK(badbyte(tfo_recvbuf, (size_t)n, seed, 0) < 0, "byte at",
	      badbyte(tfo_recvbuf, (size_t)n, seed, 0));
	return PASS;
}

static int t_tcp_fastopen(void)
{
	u8 sa[32];
	int len, l, c, a, qlen = 4, res, info_len, syn_data;
	struct iovec iov[NSEG], saved[NSEG];
	u8 info[104];
	struct msghdr m;
	long n;

	n = bound(AF_INET, SOCK_STREAM, IPPROTO_TCP, sa, &len);
	CHECK(n >= 0, "bound", n);
	l = (int)n;
	n = x_listen(l, 4);
	CHECK(n == 0, "listen", n);
	x_setsockopt(l, SOL_TCP, TCP_FASTOPEN, &qlen, sizeof(qlen));
	n = x_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	CHECK(n >= 0, "socket", n);
	c = (int)n;
	rcvtimeo(c);
	split(iov, tfo_sendbuf, tfo_split, NSEG);
	fill_segs(iov, NSEG, 31);
	memcpy(saved, iov, sizeof(iov));
	memset(&m, 0, sizeof(m));
	m.msg_name = sa;
	m.msg_namelen = len;
	m.msg_iov = iov;
	m.msg_iovlen = NSEG;
	n = x_sendmsg(c, &m, MSG_FASTOPEN);
	if (n == -EOPNOTSUPP) {
		x_close(c);
		x_close(l);
		return skipf("TCP Fast Open is off (net.ipv4.tcp_fastopen)", n);
	}
	CHECK(n == TFO_BYTES, "sendmsg MSG_FASTOPEN", n);
	CHECK(!memcmp(saved, iov, sizeof(iov)), "sendmsg changed the iovec array", 0);
	n = x_accept(l);
	CHECK(n >= 0, "accept", n);
	a = (int)n;
	rcvtimeo(a);
	res = tfo_read(a, TFO_BYTES, 31);
	if (res != PASS)
		return res;
	/* struct tcp_info's tcpi_options, its sixth byte: did the SYN carry data? */
	info_len = sizeof(info);
	n = x_getsockopt(c, SOL_TCP, TCP_INFO, info, &info_len);
	CHECK(n == 0, "TCP_INFO", n);
	syn_data = info[5] & TCPI_OPT_SYN_DATA;
	x_close(c);
	x_close(a);
	/* all of it in the SYN */
	n = x_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	CHECK(n >= 0, "socket", n);
	c = (int)n;
	rcvtimeo(c);
	fill(tfo_sendbuf, 300, 32);
	n = x_sendto(c, tfo_sendbuf, 300, MSG_FASTOPEN, sa, len);
	CHECK(n == 300, "sendto MSG_FASTOPEN", n);
	n = x_accept(l);
	CHECK(n >= 0, "accept", n);
	a = (int)n;
	rcvtimeo(a);
	res = tfo_read(a, 300, 32);
	if (res != PASS)
		return res;
	x_close(c);
	x_close(a);
	x_close(l);
	if (!syn_data)
		return skipf("the bytes arrived, but the SYN carried none of them", 0);
	return PASS;
}

/* TCP_REPAIR: data put into each queue, peeked back through a short buffer */
static int t_tcp_repair(void)
{
	int c, a, on = 1, q;
	struct sent s;
	struct got g;
	long n;
	static const size_t shortv[NSEG] = { 5, 10, 20, 15 };

	n = stream_pair(AF_INET, SOCK_STREAM, IPPROTO_TCP, &c, &a);
	CHECK(n == 0, "connected pair", n);
	n = x_setsockopt(c, SOL_TCP, TCP_REPAIR, &on, sizeof(on));
	if (denied(n))
		return skipf("TCP_REPAIR needs CAP_NET_ADMIN", n);
	CHECK(n == 0, "TCP_REPAIR on", n);
	for (q = TCP_RECV_QUEUE; q <= TCP_SEND_QUEUE; q++) {
		n = x_setsockopt(c, SOL_TCP, TCP_REPAIR_QUEUE, &q, sizeof(q));
		CHECK(n == 0, "TCP_REPAIR_QUEUE", n);
		n = send4(c, 14 + q, 0, 0, 0, &s);
		CHECK(n == MSG_BYTES, "sendmsg into the repair queue", n);
		CHECK(!memcmp(s.iov, s.saved, sizeof(s.iov)), "sendmsg changed the iovec array", q);
		n = recv4(c, MSG_PEEK | MSG_DONTWAIT, shortv, &g);
		/* 3.18 and today's kernels return what the queue holds, not what was copied */
		CHECK(n == 50 || n == MSG_BYTES, "peek of the queue into 50 bytes", n);
		CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", q);
		CHECK(gaps_clean(g.iov, NSEG), "recvmsg wrote between segments", q);
		join(g.iov, NSEG, g.joined);
		CHECK(badbyte(g.joined, 50, 14 + q, 0) < 0, "peeked byte at",
		      badbyte(g.joined, 50, 14 + q, 0));
	}
	x_close(c);
	x_close(a);
	return PASS;
}

static int t_dccp(void)
{
	int c, a;
	struct sent s;
	struct got g;
	long n;

	n = stream_pair(AF_INET, SOCK_DCCP, IPPROTO_DCCP, &c, &a);
	if (unsupported(n))
		return skipf("no DCCP", n);
	CHECK(n == 0, "connected pair", n);
	n = send4(c, 17, 0, 0, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	n = recv4(a, 0, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 17);
	x_close(c);
	x_close(a);
	return PASS;
}

/* -- SCTP, RDS ------------------------------------------------------------------- */

static int t_sctp(void)
{
	u8 sa_r[32], sa_s[32];
	int lr, ls, fr, fs;
	struct sent s;
	struct got g;
	long n;

	n = bound(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP, sa_r, &lr);
	if (unsupported(n))
		return skipf("no SCTP", n);
	CHECK(n >= 0, "receiver", n);
	fr = (int)n;
	n = x_listen(fr, 4);
	CHECK(n == 0, "listen", n);
	n = bound(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP, sa_s, &ls);
	CHECK(n >= 0, "sender", n);
	fs = (int)n;
	n = send4(fs, 18, sa_r, lr, 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	n = recv4(fr, 0, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 18);
	CHECK(g.m.msg_flags & MSG_EOR, "MSG_EOR missing, msg_flags", g.m.msg_flags);
	CHECK(g.m.msg_namelen == ls, "msg_namelen", g.m.msg_namelen);
	x_close(fr);
	x_close(fs);
	return PASS;
}

static int t_rds(void)
{
	u8 sa_r[32], sa_s[32];
	int lr, ls, fr, fs;
	struct sent s;
	struct got g;
	long n;

	n = bound(AF_RDS, SOCK_SEQPACKET, 0, sa_r, &lr);
	if (unsupported(n) || n == -EADDRNOTAVAIL)
		return skipf("no RDS", n);
	CHECK(n >= 0, "receiver", n);
	fr = (int)n;
	n = bound(AF_RDS, SOCK_SEQPACKET, 0, sa_s, &ls);
	CHECK(n >= 0, "sender", n);
	fs = (int)n;
	((struct sockaddr_in *)sa_r)->sin_family = AF_INET;
	n = send4(fs, 19, sa_r, sizeof(struct sockaddr_in), 0, &s);
	CHECK(n == MSG_BYTES, "sendmsg", n);
	n = recv4(fr, 0, 0, &g);
	CHECK_XFER(&s, &g, n, MSG_BYTES, 19);
	CHECK(g.m.msg_namelen == sizeof(struct sockaddr_in), "msg_namelen", g.m.msg_namelen);
	x_close(fr);
	x_close(fs);
	return PASS;
}

/* -- raw, ping ---------------------------------------------------------------------- */

static u16 csum(const u8 *p, size_t n)
{
	u32 sum = 0;

	for (; n > 1; n -= 2, p += 2)
		sum += (u32)(p[0] << 8 | p[1]);
	if (n)
		sum += (u32)(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

static int raw_case(int family, int hdrincl)
{
	u8 sa[32];
	int fs, fr, len, hl = family == AF_INET ? 20 : 0;
	struct sent s;
	struct got g;
	long n;

	fr = (int)x_socket(family, SOCK_RAW, IPPROTO_PROBE);
	if (denied(fr))
		return skipf("raw sockets need CAP_NET_RAW", fr);
	CHECK(fr >= 0, "receiver", fr);
	rcvtimeo(fr);
	fs = (int)x_socket(family, SOCK_RAW, IPPROTO_PROBE);
	CHECK(fs >= 0, "sender", fs);
	len = inet_addr(family, sa, 0);
	if (hdrincl) {
		int on = 1;
		struct msghdr m;
		struct iovec iov[NSEG + 1];
		u8 ip[20];
		u16 c;

		n = x_setsockopt(fs, SOL_IP, IP_HDRINCL, &on, sizeof(on));
		CHECK(n == 0, "IP_HDRINCL", n);
		memset(ip, 0, sizeof(ip));
		ip[0] = 0x45;
		ip[2] = (u8)((20 + MSG_BYTES) >> 8);
		ip[3] = (u8)(20 + MSG_BYTES);
		ip[8] = 64;
		ip[9] = IPPROTO_PROBE;
		ip[12] = 127, ip[15] = 1;
		ip[16] = 127, ip[19] = 1;
		c = csum(ip, 20);
		ip[10] = (u8)(c >> 8);
		ip[11] = (u8)c;
		send4(-1, 23, 0, 0, 0, &s); /* fills the segments (EBADF) */
		iov[0].iov_base = ip;
		iov[0].iov_len = 20;
		memcpy(iov + 1, s.iov, sizeof(s.iov));
		memset(&m, 0, sizeof(m));
		m.msg_name = sa;
		m.msg_namelen = len;
		m.msg_iov = iov;
		m.msg_iovlen = NSEG + 1;
		n = x_sendmsg(fs, &m, 0);
		CHECK(n == 20 + MSG_BYTES, "sendmsg with its own IP header", n);
		CHECK(!memcmp(iov + 1, s.saved, sizeof(s.iov)), "sendmsg changed the iovec array", 0);
	} else {
		n = send4(fs, 23, sa, len, 0, &s);
		CHECK(n == MSG_BYTES, "sendmsg", n);
	}
	{
		static const size_t lens[NSEG] = { 4, 60, 110, 46 }; /* 220: header and data */
		u8 all[220];

		n = recv4(fr, 0, hl ? lens : 0, &g);
		CHECK(n == hl + MSG_BYTES, "recvmsg length", n);
		CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
		CHECK(gaps_clean(g.iov, NSEG), "recvmsg wrote between segments", 0);
		if (hl) {
			join(g.iov, NSEG, all);
			CHECK(all[0] == 0x45 && all[9] == IPPROTO_PROBE, "the IP header", all[0]);
			CHECK(badbyte(all + hl, MSG_BYTES, 23, 0) < 0, "byte at",
			      badbyte(all + hl, MSG_BYTES, 23, 0));
		} else {
			join(g.iov, NSEG, g.joined);
			CHECK(badbyte(g.joined, MSG_BYTES, 23, 0) < 0, "byte at",
			      badbyte(g.joined, MSG_BYTES, 23, 0));
		}
		CHECK(g.m.msg_namelen == len, "msg_namelen", g.m.msg_namelen);
	}
	x_close(fs);
	x_close(fr);
	return PASS;
}

static int t_raw4(void) { return raw_case(AF_INET, 0); }
static int t_raw4_hdrincl(void) { return raw_case(AF_INET, 1); }
static int t_raw6(void) { return raw_case(AF_INET6, 0); }

static int ping_case(int family)
{
	u8 sa[32];
	int fd, len;
	struct iovec iov[3];
	struct msghdr m;
	struct got g;
	u8 hdr[8] = { family == AF_INET ? 8 : 128, 0, 0, 0, 0, 0, 0, 1 };
	long n;

	fd = (int)x_socket(family, SOCK_DGRAM, family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	if (denied(fd) || unsupported(fd))
		return skipf("ping sockets not allowed for this group (ping_group_range)", fd);
	CHECK(fd >= 0, "socket", fd);
	rcvtimeo(fd);
	len = inet_addr(family, sa, 0);
	fill(sendbuf, 64, 24);
	iov[0].iov_base = hdr;
	iov[0].iov_len = 8;
	iov[1].iov_base = sendbuf;
	iov[1].iov_len = 24;
	iov[2].iov_base = sendbuf + 24;
	iov[2].iov_len = 40;
	memset(&m, 0, sizeof(m));
	m.msg_name = sa;
	m.msg_namelen = len;
	m.msg_iov = iov;
	m.msg_iovlen = 3;
	n = x_sendmsg(fd, &m, 0);
	CHECK(n == 72, "sendmsg echo request", n);
	{
		static const size_t lens[NSEG] = { 3, 9, 30, 30 };

		n = recv4(fd, 0, lens, &g);
	}
	CHECK(n == 72, "recvmsg echo reply", n);
	CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
	join(g.iov, NSEG, g.joined);
	CHECK(g.joined[0] == (family == AF_INET ? 0 : 129), "reply type", g.joined[0]);
	CHECK(badbyte(g.joined + 8, 64, 24, 0) < 0, "reply byte at",
	      badbyte(g.joined + 8, 64, 24, 0));
	CHECK(g.m.msg_namelen == len, "msg_namelen", g.m.msg_namelen);
	x_close(fd);
	return PASS;
}

static int t_ping4(void) { return ping_case(AF_INET); }
static int t_ping6(void) { return ping_case(AF_INET6); }

/* -- AF_PACKET ---------------------------------------------------------------------- */

#define ETH_P_PROBE 0x88b5 /* IEEE 802 local experimental */

static int ifindex(const char *name)
{
	struct ifreq r;
	int fd = (int)x_socket(AF_UNIX, SOCK_DGRAM, 0);
	long n;

	memset(&r, 0, sizeof(r));
	memcpy(r.ifr_name, name, slen(name));
	n = x_ioctl(fd, SIOCGIFINDEX, &r);
	x_close(fd);
	return n < 0 ? (int)n : r.u.ifindex;
}

static long packet_socket(int type, int proto, int ifi, int vnet)
{
	struct sockaddr_ll ll;
	long fd = x_socket(AF_PACKET, type, be16((u16)proto));
	long r;

	if (fd < 0)
		return fd;
	if (vnet) {
		r = x_setsockopt((int)fd, SOL_PACKET, PACKET_VNET_HDR, &vnet, sizeof(vnet));
		if (r < 0)
			return r;
	}
	memset(&ll, 0, sizeof(ll));
	ll.sll_family = AF_PACKET;
	ll.sll_protocol = be16((u16)proto);
	ll.sll_ifindex = ifi;
	r = x_bind((int)fd, &ll, sizeof(ll));
	if (r < 0) {
		x_close((int)fd);
		return r;
	}
	rcvtimeo((int)fd);
	return fd;
}

/* receive on FD until a frame of PROTO arrives: its length (others are dropped) */
/* M sends to the ETH_P_PROBE frames of interface IFI, destination ADDR (6 bytes of it). */
static void packet_dest(struct msghdr *m, struct sockaddr_ll *to, int ifi, u8 addr)
{
	memset(to, 0, sizeof(*to));
	to->sll_family = AF_PACKET;
	to->sll_protocol = be16(ETH_P_PROBE);
	to->sll_ifindex = ifi;
	to->sll_halen = 6;
	memset(to->sll_addr, addr, 6);
	memset(m, 0, sizeof(*m));
	m->msg_name = to;
	m->msg_namelen = sizeof(*to);
}

static long packet_recv_proto(int fd, const size_t *lens, struct got *g, int proto)
{
	long n;
	int tries;

	for (tries = 0; tries < 8; tries++) {
		n = recv4(fd, 0, lens, g);
		if (n < 0)
			return n;
		if (g->m.msg_namelen >= 4 &&
		    ((struct sockaddr_ll *)g->name)->sll_protocol == be16((u16)proto))
			return n;
	}
	return -EAGAIN;
}

static long packet_recv(int fd, const size_t *lens, struct got *g)
{
	return packet_recv_proto(fd, lens, g, ETH_P_PROBE);
}

static int packet_case(int type, int vnet)
{
	int lo = ifindex("lo"), fs, fr, head = 0;
	struct sockaddr_ll to;
	struct msghdr m;
	struct iovec iov[NSEG + 2];
	struct sent s;
	struct got g;
	u8 eth[14], vh[10];
	int k = 0;
	long n;
	static const size_t lens[NSEG] = { 6, 50, 100, 68 }; /* 224 = 10 + 14 + 200 */

	CHECK(lo > 0, "ifindex of lo", lo);
	n = packet_socket(type, ETH_P_PROBE, lo, vnet);
	if (denied(n))
		return skipf("packet sockets need CAP_NET_RAW", n);
	CHECK(n >= 0, "receiver", n);
	fr = (int)n;
	n = packet_socket(type, ETH_P_PROBE, lo, vnet);
	CHECK(n >= 0, "sender", n);
	fs = (int)n;
	send4(-1, 25, 0, 0, 0, &s);
	memset(vh, 0, sizeof(vh));
	memset(eth, 0, sizeof(eth));
	eth[12] = ETH_P_PROBE >> 8;
	eth[13] = ETH_P_PROBE & 0xff;
	if (vnet) {
		iov[k].iov_base = vh;
		iov[k++].iov_len = sizeof(vh);
		head += sizeof(vh);
	}
	if (type == SOCK_RAW) {
		iov[k].iov_base = eth;
		iov[k++].iov_len = sizeof(eth);
		head += sizeof(eth);
	}
	memcpy(iov + k, s.iov, sizeof(s.iov));
	packet_dest(&m, &to, lo, 0);
	m.msg_iov = iov;
	m.msg_iovlen = (size_t)k + NSEG;
	n = x_sendmsg(fs, &m, 0);
	CHECK(n == head + MSG_BYTES, "sendmsg", n);
	CHECK(!memcmp(iov + k, s.saved, sizeof(s.iov)), "sendmsg changed the iovec array", 0);
	n = packet_recv(fr, lens, &g);
	CHECK(n == head + MSG_BYTES, "recvmsg length", n);
	CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
	CHECK(gaps_clean(g.iov, NSEG), "recvmsg wrote between segments", 0);
	CHECK(g.m.msg_namelen >= 12 && g.m.msg_namelen <= (int)sizeof(struct sockaddr_ll),
	      "msg_namelen", g.m.msg_namelen);
	{
		u8 all[224];

		join(g.iov, NSEG, all);
		CHECK(badbyte(all + head, MSG_BYTES, 25, 0) < 0, "byte at",
		      badbyte(all + head, MSG_BYTES, 25, 0));
		if (type == SOCK_RAW)
			CHECK(all[head - 2] == (ETH_P_PROBE >> 8), "the ethertype", all[head - 2]);
	}
	x_close(fs);
	x_close(fr);
	return PASS;
}

static int t_packet_dgram(void) { return packet_case(SOCK_DGRAM, 0); }
static int t_packet_raw(void) { return packet_case(SOCK_RAW, 0); }
static int t_packet_vnet(void) { return packet_case(SOCK_RAW, 1); }

/* -- netlink, AF_KEY ------------------------------------------------------------------ */

static int t_netlink(void)
{
	struct sockaddr_nl nl;
	struct nlmsghdr h;
	u8 gen[4] = { 0 };
	struct iovec iov[2];
	struct msghdr m;
	struct got g;
	int fd, seen_lo = 0;
	long n;

	fd = (int)x_socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	CHECK(fd >= 0, "socket", fd);
	rcvtimeo(fd);
	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	memset(&h, 0, sizeof(h));
	h.nlmsg_len = sizeof(h) + sizeof(gen);
	h.nlmsg_type = RTM_GETLINK;
	h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	h.nlmsg_seq = 4242;
	iov[0].iov_base = &h;
	iov[0].iov_len = sizeof(h);
	iov[1].iov_base = gen;
	iov[1].iov_len = sizeof(gen);
	memset(&m, 0, sizeof(m));
	m.msg_name = &nl;
	m.msg_namelen = sizeof(nl);
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	n = x_sendmsg(fd, &m, 0);
	CHECK(n == (long)h.nlmsg_len, "sendmsg RTM_GETLINK", n);
	for (;;) {
		static const size_t lens[NSEG] = { 7, 9, 1024, 2048 };
		u8 *all = sendbuf;
		size_t at = 0;

		n = recv4(fd, 0, lens, &g);
		CHECK(n > 0, "recvmsg", n);
		CHECK(g.m.msg_namelen == sizeof(struct sockaddr_nl), "msg_namelen", g.m.msg_namelen);
		CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
		CHECK(!(g.m.msg_flags & MSG_TRUNC), "MSG_TRUNC, msg_flags", g.m.msg_flags);
		join(g.iov, NSEG, all);
		while (at + sizeof(h) <= (size_t)n) {
			struct nlmsghdr r;

			memcpy(&r, all + at, sizeof(r));
			CHECK(r.nlmsg_seq == 4242, "nlmsg_seq", r.nlmsg_seq);
			if (r.nlmsg_type == NLMSG_DONE) {
				CHECK(seen_lo, "lo in the RTM_GETLINK dump", 0);
				goto truncated;
			}
			if (r.nlmsg_type == RTM_NEWLINK)
				seen_lo = 1;
			CHECK(r.nlmsg_len >= sizeof(r), "nlmsg_len", r.nlmsg_len);
			at += (r.nlmsg_len + 3) & ~3u;
		}
	}
truncated:
	n = x_sendmsg(fd, &m, 0);
	{
		static const size_t tiny[NSEG] = { 4, 4, 4, 4 };

		n = recv4(fd, 0, tiny, &g);
		CHECK(n == 16, "truncated recvmsg", n);
		CHECK(g.m.msg_flags & MSG_TRUNC, "MSG_TRUNC missing, msg_flags", g.m.msg_flags);
		CHECK(gaps_clean(g.iov, NSEG), "recvmsg wrote between segments", 0);
	}
	x_close(fd);
	return PASS;
}

static int t_af_key(void)
{
	struct sadb_msg q, r;
	struct iovec iov[2];
	struct msghdr m;
	struct got g;
	int fd, tries;
	long n;

	fd = (int)x_socket(AF_KEY, SOCK_RAW, PF_KEY_V2);
	if (unsupported(fd))
		return skipf("no AF_KEY", fd);
	if (denied(fd))
		return skipf("AF_KEY needs CAP_NET_ADMIN", fd);
	CHECK(fd >= 0, "socket", fd);
	rcvtimeo(fd);
	memset(&q, 0, sizeof(q));
	q.sadb_msg_version = PF_KEY_V2;
	q.sadb_msg_type = SADB_FLUSH;
	q.sadb_msg_satype = SADB_SATYPE_UNSPEC;
	q.sadb_msg_len = sizeof(q) / 8;
	q.sadb_msg_seq = 77;
	q.sadb_msg_pid = (u32)x_getpid();
	iov[0].iov_base = &q;
	iov[0].iov_len = 5;
	iov[1].iov_base = (u8 *)&q + 5;
	iov[1].iov_len = sizeof(q) - 5;
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	n = x_sendmsg(fd, &m, 0);
	CHECK(n == sizeof(q), "sendmsg SADB_FLUSH", n);
	for (tries = 0; tries < 4; tries++) {
		static const size_t lens[NSEG] = { 3, 5, 4, 4 };

		n = recv4(fd, 0, lens, &g);
		CHECK(n == sizeof(r), "recvmsg", n);
		join(g.iov, NSEG, (u8 *)&r);
		if (r.sadb_msg_seq == 77)
			break;
	}
	CHECK(r.sadb_msg_type == SADB_FLUSH && r.sadb_msg_errno == 0, "reply", r.sadb_msg_errno);
	CHECK(!memcmp(g.iov, g.saved, sizeof(g.iov)), "recvmsg changed the iovec array", 0);
	x_close(fd);
	return PASS;
}

/* -- AF_ALG ---------------------------------------------------------------------- */

static long alg_op(const char *type, const char *name, const void *key, int keylen)
{
	struct sockaddr_alg sa;
	long fd, r;

	fd = x_socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return fd;
	memset(&sa, 0, sizeof(sa));
	sa.salg_family = AF_ALG;
	memcpy(sa.salg_type, type, slen(type));
	memcpy(sa.salg_name, name, slen(name));
	r = x_bind((int)fd, &sa, sizeof(sa));
	if (r == 0 && key)
		r = x_setsockopt((int)fd, SOL_ALG, ALG_SET_KEY, key, keylen);
	if (r == 0)
		r = x_accept((int)fd);
	x_close((int)fd);
	return r;
}

static int t_alg_hash(void)
{
	/* SHA-256("abc"), FIPS 180-2 */
	static const u8 want[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
		0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	struct iovec iov[3];
	struct msghdr m;
	u8 digest[32];
	long op, n;

	op = alg_op("hash", "sha256", 0, 0);
	if (unsupported(op))
		return skipf("no AF_ALG hash sha256", op);
	CHECK(op >= 0, "hash socket", op);
	iov[0].iov_base = "a";
	iov[0].iov_len = 1;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "bc";
	iov[2].iov_len = 2;
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 3;
	n = x_sendmsg((int)op, &m, 0);
	CHECK(n == 3, "sendmsg", n);
	CHECK(iov[0].iov_len == 1 && iov[2].iov_len == 2, "sendmsg changed the iovec array", 0);
	n = x_read((int)op, digest, sizeof(digest));
	CHECK(n == 32, "read the digest", n);
	CHECK(!memcmp(digest, want, 32), "SHA-256 of abc", digest[0]);
	x_close((int)op);
	return PASS;
}

static int t_alg_skcipher(void)
{
	/* AES-128, FIPS 197 appendix C.1, twice (ECB) */
	static const u8 key[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	static const u8 want[16] = {
		0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
		0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
	};
	u8 plain[32], ct[32];
	union {
		struct cmsghdr h;
		u8 b[CMSG_SPACE(sizeof(u32))];
	} ctl;
	struct iovec iov[3], riov[2];
	struct msghdr m;
	long op, n;
	u32 enc = ALG_OP_ENCRYPT;
	int i;

	op = alg_op("skcipher", "ecb(aes)", key, sizeof(key));
	if (unsupported(op))
		return skipf("no AF_ALG skcipher ecb(aes)", op);
	CHECK(op >= 0, "skcipher socket", op);
	for (i = 0; i < 16; i++)
		plain[i] = plain[16 + i] = (u8)(i * 0x11);
	memset(&ctl, 0, sizeof(ctl));
	ctl.h.cmsg_len = CMSG_LEN(sizeof(u32));
	ctl.h.cmsg_level = SOL_ALG;
	ctl.h.cmsg_type = ALG_SET_OP;
	memcpy(CMSG_DATA(&ctl.h), &enc, sizeof(enc));
	iov[0].iov_base = plain;
	iov[0].iov_len = 5;
	iov[1].iov_base = plain + 5;
	iov[1].iov_len = 20;
	iov[2].iov_base = plain + 25;
	iov[2].iov_len = 7;
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 3;
	m.msg_control = &ctl;
	m.msg_controllen = sizeof(ctl);
	n = x_sendmsg((int)op, &m, 0);
	CHECK(n == 32, "sendmsg", n);
	CHECK(iov[1].iov_base == plain + 5 && iov[1].iov_len == 20,
	      "sendmsg changed the iovec array", 0);
	memset(ct, 0, sizeof(ct));
	riov[0].iov_base = ct;
	riov[0].iov_len = 16;
	riov[1].iov_base = ct + 16;
	riov[1].iov_len = 16;
	memset(&m, 0, sizeof(m));
	m.msg_iov = riov;
	m.msg_iovlen = 2;
	n = x_recvmsg((int)op, &m, 0);
	CHECK(n == 32, "recvmsg", n);
	CHECK(riov[1].iov_base == ct + 16 && riov[1].iov_len == 16,
	      "recvmsg changed the iovec array", 0);
	CHECK(!memcmp(ct, want, 16) && !memcmp(ct + 16, want, 16), "AES-128 of the FIPS-197 block",
	      ct[0]);
	x_close((int)op);
	return PASS;
}

/* -- TUN/TAP ---------------------------------------------------------------------- */

static int set_up(const char *name)
{
	struct ifreq r;
	int fd = (int)x_socket(AF_UNIX, SOCK_DGRAM, 0);
	long n;

	memset(&r, 0, sizeof(r));
	memcpy(r.ifr_name, name, slen(name));
	n = x_ioctl(fd, SIOCGIFFLAGS, &r);
	if (n == 0) {
		r.u.flags |= IFF_UP;
		n = x_ioctl(fd, SIOCSIFFLAGS, &r);
	}
	x_close(fd);
	return (int)n;
}

static int tun_case(int flags, const char *name)
{
	struct ifreq r;
	struct iovec iov[NSEG + 1];
	struct sent s;
	struct got g;
	u8 eth[14];
	int fd, ifi, fp;
	long n;
	static const size_t lens[NSEG] = { 6, 50, 100, 58 }; /* 214 = 14 + 200 */
	static const size_t lens4[NSEG] = { 6, 50, 100, 64 }; /* 220 = 20 + 200 */

	fd = (int)x_open("/dev/net/tun", O_RDWR, 0);
	if (fd == -ENOENT || fd == -ENODEV || denied(fd))
		return skipf("no /dev/net/tun", fd);
	CHECK(fd >= 0, "open /dev/net/tun", fd);
	memset(&r, 0, sizeof(r));
	memcpy(r.ifr_name, name, slen(name));
	r.u.flags = (short)(flags | IFF_NO_PI);
	n = x_ioctl(fd, TUNSETIFF, &r);
	if (denied(n))
		return skipf("TUNSETIFF needs CAP_NET_ADMIN", n);
	CHECK(n == 0, "TUNSETIFF", n);
	CHECK(set_up(name) == 0, "bring the interface up", 0);
	ifi = ifindex(name);
	CHECK(ifi > 0, "ifindex", ifi);
	/* the device's write: a frame (TAP) or an IP packet (TUN) read by a packet socket */
	n = packet_socket(flags == IFF_TAP ? SOCK_RAW : SOCK_DGRAM, ETH_P_PROBE, ifi, 0);
	if (denied(n))
		return skipf("packet sockets need CAP_NET_RAW", n);
	CHECK(n >= 0, "packet socket", n);
	fp = (int)n;
	send4(-1, 26, 0, 0, 0, &s);
	memset(eth, 0xff, 6);
	memset(eth + 6, 0x02, 6);
	eth[12] = ETH_P_PROBE >> 8;
	eth[13] = ETH_P_PROBE & 0xff;
	if (flags == IFF_TAP) {
		iov[0].iov_base = eth;
		iov[0].iov_len = 14;
		memcpy(iov + 1, s.iov, sizeof(s.iov));
		n = x_writev(fd, iov, NSEG + 1);
		CHECK(n == 14 + MSG_BYTES, "writev a frame to the tap", n);
		n = packet_recv(fp, lens, &g);
		CHECK(n == 14 + MSG_BYTES, "the frame on the packet socket", n);
		{
			u8 all[214];

			join(g.iov, NSEG, all);
			CHECK(badbyte(all + 14, MSG_BYTES, 26, 0) < 0, "byte at",
			      badbyte(all + 14, MSG_BYTES, 26, 0));
		}
	} else {
		/* a TUN device without PI carries IP only: an IPv4 header with a wrong
		 * checksum, so that the stack drops the packet; a packet socket sees it first */
		u8 ip[20] = { 0x45, 0, (20 + MSG_BYTES) >> 8, (u8)(20 + MSG_BYTES), 0, 0, 0, 0,
			      64, IPPROTO_PROBE, 0xde, 0xad, 127, 0, 0, 1, 127, 0, 0, 1 };
		int fi;

		n = packet_socket(SOCK_DGRAM, 0x0800, ifi, 0);
		CHECK(n >= 0, "packet socket for IPv4", n);
		fi = (int)n;
		iov[0].iov_base = ip;
		iov[0].iov_len = 20;
		memcpy(iov + 1, s.iov, sizeof(s.iov));
		n = x_writev(fd, iov, NSEG + 1);
		CHECK(n == 20 + MSG_BYTES, "writev a packet to the tun", n);
		n = packet_recv_proto(fi, lens4, &g, 0x0800);
		CHECK(n == 20 + MSG_BYTES, "the packet on the packet socket", n);
		{
			u8 all[220];

			join(g.iov, NSEG, all);
			CHECK(all[0] == 0x45 && badbyte(all + 20, MSG_BYTES, 26, 0) < 0,
			      "byte at", badbyte(all + 20, MSG_BYTES, 26, 0));
		}
		x_close(fi);
	}
	/* the device's read: a packet socket sends through it */
	{
		struct sockaddr_ll to;
		struct msghdr m;
		u8 back[300];

		packet_dest(&m, &to, ifi, 0xff);
		if (flags == IFF_TAP) {
			m.msg_iov = iov;
			m.msg_iovlen = NSEG + 1;
		} else {
			m.msg_iov = s.iov;
			m.msg_iovlen = NSEG;
		}
		n = x_sendmsg(fp, &m, 0);
		CHECK(n == (flags == IFF_TAP ? 14 : 0) + MSG_BYTES, "send through the device", n);
		/* frames the stack sends by itself (IPv6 router solicitations) come first */
		for (ifi = 0; ifi < 8; ifi++) {
			n = x_read(fd, back, sizeof(back));
			if (n < 0 || (flags == IFF_TAP ? back[12] == (ETH_P_PROBE >> 8) &&
							 back[13] == (ETH_P_PROBE & 0xff)
						       : back[0] == pattern(26, 0)))
				break;
		}
		CHECK(n == (flags == IFF_TAP ? 14 : 0) + MSG_BYTES, "read from the device", n);
		CHECK(badbyte(back + (flags == IFF_TAP ? 14 : 0), MSG_BYTES, 26, 0) < 0,
		      "read byte at", badbyte(back + (flags == IFF_TAP ? 14 : 0), MSG_BYTES, 26, 0));
	}
	x_close(fp);
	x_close(fd);
	return PASS;
}

static int t_tun(void) { return tun_case(IFF_TUN, "cocci-tun0"); }
static int t_tap(void) { return tun_case(IFF_TAP, "cocci-tap0"); }

/* A TAP device with a virtio-net header (and packet information, PI) longer than
 * struct virtio_net_hdr: writev() of the headers split across segments, then readv()
 * of a frame into segments that split them again.  The 2 bytes past the 10 of
 * struct virtio_net_hdr are skipped both ways: ignored on write, not data on read. */
static int tap_hdr_case(int pi, const char *name)
{
	struct ifreq r;
	struct iovec iov[NSEG + 3], rv[NSEG];
	struct sent s;
	struct got g;
	u8 hdr[4 + 12 + 14], joined[4 + 12 + 14 + MSG_BYTES];
	int fd, ifi, fp, hlen = (pi ? 4 : 0) + 12 + 14, off = pi ? 4 : 0, vsz = 12, k;
	long n;
	static const size_t lens[NSEG] = { 6, 50, 100, 58 }; /* 214 = 14 + 200 */
	size_t rlens[NSEG] = { 5, 13, 0, 140 };

	fd = (int)x_open("/dev/net/tun", O_RDWR, 0);
	if (fd == -ENOENT || fd == -ENODEV || denied(fd))
		return skipf("no /dev/net/tun", fd);
	CHECK(fd >= 0, "open /dev/net/tun", fd);
	memset(&r, 0, sizeof(r));
	memcpy(r.ifr_name, name, slen(name));
	r.u.flags = (short)(IFF_TAP | IFF_VNET_HDR | (pi ? 0 : IFF_NO_PI));
	n = x_ioctl(fd, TUNSETIFF, &r);
	if (denied(n))
		return skipf("TUNSETIFF needs CAP_NET_ADMIN", n);
	CHECK(n == 0, "TUNSETIFF", n);
	n = x_ioctl(fd, TUNSETVNETHDRSZ, &vsz);
	CHECK(n == 0, "TUNSETVNETHDRSZ 12", n);
	CHECK(set_up(name) == 0, "bring the interface up", 0);
	ifi = ifindex(name);
	CHECK(ifi > 0, "ifindex", ifi);
	n = packet_socket(SOCK_RAW, ETH_P_PROBE, ifi, 0);
	if (denied(n))
		return skipf("packet sockets need CAP_NET_RAW", n);
	CHECK(n >= 0, "packet socket", n);
	fp = (int)n;
	send4(-1, 26, 0, 0, 0, &s);
	/* [PI: flags 0, protocol][virtio-net header: no GSO, no checksum, 2 bytes more]
	 * [the frame's Ethernet header], split 3 | 8 | the rest */
	memset(hdr, 0, sizeof(hdr));
	if (pi) {
		hdr[2] = ETH_P_PROBE >> 8;
		hdr[3] = ETH_P_PROBE & 0xff;
	}
	hdr[off + 10] = 0x5a;
	hdr[off + 11] = 0x5a;
	memset(hdr + off + 12, 0xff, 6);
	memset(hdr + off + 18, 0x02, 6);
	hdr[off + 24] = ETH_P_PROBE >> 8;
	hdr[off + 25] = ETH_P_PROBE & 0xff;
	iov[0].iov_base = hdr;
	iov[0].iov_len = 3;
	iov[1].iov_base = hdr + 3;
	iov[1].iov_len = 8;
	iov[2].iov_base = hdr + 11;
	iov[2].iov_len = (size_t)hlen - 11;
	memcpy(iov + 3, s.iov, sizeof(s.iov));
	n = x_writev(fd, iov, NSEG + 3);
	CHECK(n == hlen + MSG_BYTES, "writev headers and frame to the tap", n);
	n = packet_recv(fp, lens, &g);
	CHECK(n == 14 + MSG_BYTES, "the frame on the packet socket", n);
	{
		u8 all[214];

		join(g.iov, NSEG, all);
		CHECK(all[12] == (ETH_P_PROBE >> 8) && all[13] == (ETH_P_PROBE & 0xff),
		      "the frame's protocol (headers skipped as sent)", all[12]);
		CHECK(badbyte(all + 14, MSG_BYTES, 26, 0) < 0, "byte at",
		      badbyte(all + 14, MSG_BYTES, 26, 0));
	}
	/* the device's read: a packet socket sends a frame through it, read with readv() */
	{
		struct sockaddr_ll to;
		struct msghdr m;

		packet_dest(&m, &to, ifi, 0xff);
		iov[2].iov_base = hdr + off + 12;
		iov[2].iov_len = 14;
		m.msg_iov = iov + 2;
		m.msg_iovlen = NSEG + 1;
		n = x_sendmsg(fp, &m, 0);
		CHECK(n == 14 + MSG_BYTES, "send through the device", n);
		rlens[2] = (size_t)hlen - 18 + 60;
		/* frames the stack sends by itself (IPv6 router solicitations) come first */
		for (k = 0; k < 8; k++) {
			memset(recvbuf, 0xa5, sizeof(recvbuf));
			split(rv, recvbuf, rlens, NSEG);
			n = x_readv(fd, rv, NSEG);
			if (n < 0)
				break;
			join(rv, NSEG, joined);
			if (joined[off + 24] == (ETH_P_PROBE >> 8) &&
			    joined[off + 25] == (ETH_P_PROBE & 0xff))
				break;
		}
		CHECK(n == hlen + MSG_BYTES, "readv from the device", n);
		CHECK(!pi || (joined[0] == 0 && joined[1] == 0 && joined[2] == (ETH_P_PROBE >> 8) &&
			      joined[3] == (ETH_P_PROBE & 0xff)),
		      "PI: flags 0, the frame's protocol", joined[2]);
		CHECK(joined[off + 1] == 0 && (joined[off] == 0 || joined[off] == 2),
		      "virtio-net header: no GSO", joined[off + 1]);
		/* 3.18 leaves them as they were; later kernels zero them */
		CHECK((joined[off + 10] == 0xa5 && joined[off + 11] == 0xa5) ||
			      (joined[off + 10] == 0 && joined[off + 11] == 0),
		      "the 2 bytes past struct virtio_net_hdr untouched or zeroed", joined[off + 10]);
		CHECK(badbyte(joined + hlen, MSG_BYTES, 26, 0) < 0, "read byte at",
		      badbyte(joined + hlen, MSG_BYTES, 26, 0));
		CHECK(gaps_clean(rv, NSEG), "readv wrote between the segments", 0);
	}
	x_close(fp);
	x_close(fd);
	return PASS;
}

static int t_tap_vnet(void) { return tap_hdr_case(0, "cocci-tapv0"); }
static int t_tap_pi_vnet(void) { return tap_hdr_case(1, "cocci-tapp0"); }

/* -- security: kernel pointers and bad lengths ---------------------------------------- */

#define KPTR ((void *)KERNEL_POINTER)

struct udp_pair {
	int fr, fs, lr;
	u8 sa_r[32];
};

static long udp_pair(struct udp_pair *p)
{
	u8 sa_s[32];
	int ls;
	long n;

	n = bound(AF_INET, SOCK_DGRAM, IPPROTO_UDP, p->sa_r, &p->lr);
	if (n < 0)
		return n;
	p->fr = (int)n;
	n = bound(AF_INET, SOCK_DGRAM, IPPROTO_UDP, sa_s, &ls);
	if (n < 0)
		return n;
	p->fs = (int)n;
	return x_connect(p->fs, p->sa_r, p->lr);
}

static void udp_close(struct udp_pair *p)
{
	x_close(p->fr);
	x_close(p->fs);
}

/* nothing arrived at the receiver */
static int nothing_sent(struct udp_pair *p)
{
	return x_recvfrom(p->fr, recvbuf, sizeof(recvbuf), MSG_DONTWAIT, 0, 0) == -EAGAIN;
}

static int t_sec_sendmsg_kernel_iov(void)
{
	struct udp_pair p;
	struct iovec iov[2] = { { sendbuf, 16 }, { KPTR, 16 } };
	struct msghdr m;
	long n;

	if (!KERNEL_POINTER)
		return skipf("no kernel address in reach of this ABI", 0);
	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	n = x_sendmsg(p.fs, &m, 0);
	CHECK(n == -EFAULT, "sendmsg with a kernel segment", n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	udp_close(&p);
	return PASS;
}

static int t_sec_recvmsg_kernel_iov(void)
{
	struct udp_pair p;
	u8 canary[16];
	struct iovec iov[2] = { { canary, 16 }, { KPTR, 64 } };
	struct msghdr m;
	long n;

	if (!KERNEL_POINTER)
		return skipf("no kernel address in reach of this ABI", 0);
	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	fill(sendbuf, 64, 27);
	n = x_sendto(p.fs, sendbuf, 64, 0, 0, 0);
	CHECK(n == 64, "send", n);
	memset(canary, 0xc3, sizeof(canary));
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	n = x_recvmsg(p.fr, &m, 0);
	CHECK(n == -EFAULT, "recvmsg with a kernel segment", n);
	for (n = 0; n < 16; n++)
		CHECK(canary[n] == 0xc3, "recvmsg wrote the user segment before failing", n);
	udp_close(&p);
	return PASS;
}

static int t_sec_sendto_kernel(void)
{
	struct udp_pair p;
	long n;

	if (!KERNEL_POINTER)
		return skipf("no kernel address in reach of this ABI", 0);
	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	n = x_sendto(p.fs, KPTR, 16, 0, 0, 0);
	CHECK(n == -EFAULT, "sendto from a kernel buffer", n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	n = x_sendto(p.fs, KPTR, 16, 0, p.sa_r, p.lr);
	CHECK(n == -EFAULT, "sendto with a name from a kernel buffer", n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	udp_close(&p);
	return PASS;
}

static int t_sec_recvfrom_kernel(void)
{
	struct udp_pair p;
	long n;

	if (!KERNEL_POINTER)
		return skipf("no kernel address in reach of this ABI", 0);
	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	fill(sendbuf, 64, 28);
	x_sendto(p.fs, sendbuf, 64, 0, 0, 0);
	n = x_recvfrom(p.fr, KPTR, 64, 0, 0, 0);
	CHECK(n == -EFAULT, "recvfrom into a kernel buffer", n);
	udp_close(&p);
	return PASS;
}

static int t_sec_mmsg_kernel(void)
{
	struct udp_pair p;
	struct iovec iov[2] = { { sendbuf, 16 }, { KPTR, 16 } };
	struct mmsghdr mm;
	struct timespec_l ts = { 1, 0 };
	u8 canary[16];
	long n;

	if (!KERNEL_POINTER)
		return skipf("no kernel address in reach of this ABI", 0);
	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	memset(&mm, 0, sizeof(mm));
	mm.msg_hdr.msg_iov = iov;
	mm.msg_hdr.msg_iovlen = 2;
	n = x_sendmmsg(p.fs, &mm, 1, 0);
	CHECK(n == -EFAULT, "sendmmsg with a kernel segment", n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	x_sendto(p.fs, sendbuf, 64, 0, 0, 0);
	memset(canary, 0xc3, sizeof(canary));
	iov[0].iov_base = canary;
	iov[1].iov_len = 64;
	memset(&mm, 0, sizeof(mm));
	mm.msg_hdr.msg_iov = iov;
	mm.msg_hdr.msg_iovlen = 2;
	n = x_recvmmsg(p.fr, &mm, 1, 0, &ts);
	CHECK(n == -EFAULT, "recvmmsg with a kernel segment", n);
	for (n = 0; n < 16; n++)
		CHECK(canary[n] == 0xc3, "recvmmsg wrote the user segment before failing", n);
	udp_close(&p);
	return PASS;
}

static int t_sec_negative_len(void)
{
	struct udp_pair p;
	struct iovec iov[2] = { { sendbuf, 16 }, { sendbuf + 16, (size_t)-1 } };
	struct msghdr m;
	long n;

	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	n = x_sendmsg(p.fs, &m, 0);
	CHECK(n == -EINVAL, "sendmsg with a negative segment length", n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	fill(sendbuf, 64, 29);
	x_sendto(p.fs, sendbuf, 64, 0, 0, 0);
	iov[0].iov_base = recvbuf;
	iov[1].iov_base = recvbuf + 16;
	n = x_recvmsg(p.fr, &m, 0);
	CHECK(n == -EINVAL, "recvmsg with a negative segment length", n);
	udp_close(&p);
	return PASS;
}

/* segments whose lengths add up past SSIZE_MAX, and sendto/recvfrom of (size_t)-1
 * bytes: refused (EINVAL, EFAULT or EMSGSIZE), nothing sent, nothing written */
static int t_sec_overflow_len(void)
{
	struct udp_pair p;
	size_t half = ~(size_t)0 >> 1;
	struct iovec iov[2] = { { sendbuf, half }, { sendbuf, half } };
	struct msghdr m;
	long n;

	CHECK(udp_pair(&p) == 0, "udp pair", 0);
	memset(&m, 0, sizeof(m));
	m.msg_iov = iov;
	m.msg_iovlen = 2;
	n = x_sendmsg(p.fs, &m, 0);
	CHECK(n == -EINVAL || n == -EFAULT || n == -EMSGSIZE, "sendmsg of an overflowing total",
	      n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	n = x_sendto(p.fs, sendbuf, (size_t)-1, 0, 0, 0);
	CHECK(n == -EINVAL || n == -EFAULT || n == -EMSGSIZE, "sendto of (size_t)-1 bytes", n);
	CHECK(nothing_sent(&p), "something was sent", 0);
	n = x_recvfrom(p.fr, KPTR, (size_t)-1, MSG_DONTWAIT, 0, 0);
	CHECK(n == -EINVAL || n == -EFAULT || n == -EAGAIN,
	      "recvfrom of (size_t)-1 bytes into a kernel buffer", n);
	udp_close(&p);
	return PASS;
}

/* -- the cases ------------------------------------------------------------------------ */

struct tcase {
	const char *name;
	int (*fn)(void);
};

static const struct tcase cases[] = {
	{ "unix_stream", t_unix_stream },
	{ "unix_stream_partial", t_unix_stream_partial },
	{ "unix_dgram", t_unix_dgram },
	{ "unix_dgram_named", t_unix_dgram_named },
	{ "unix_seqpacket", t_unix_seqpacket },
	{ "unix_scm_rights", t_unix_scm_rights },
	{ "udp4", t_udp4 },
	{ "udp6", t_udp6 },
	{ "udplite4", t_udplite4 },
	{ "udplite6", t_udplite6 },
	{ "mmsg_udp4", t_mmsg },
	{ "tcp4", t_tcp4 },
	{ "tcp6", t_tcp6 },
	{ "tcp_fastopen", t_tcp_fastopen },
	{ "tcp_repair_peek", t_tcp_repair },
	{ "raw4", t_raw4 },
	{ "raw4_hdrincl", t_raw4_hdrincl },
	{ "raw6", t_raw6 },
	{ "ping4", t_ping4 },
	{ "ping6", t_ping6 },
	{ "packet_dgram", t_packet_dgram },
	{ "packet_raw", t_packet_raw },
	{ "packet_vnet_hdr", t_packet_vnet },
	{ "netlink_route", t_netlink },
	{ "af_key", t_af_key },
	{ "alg_hash", t_alg_hash },
	{ "alg_skcipher", t_alg_skcipher },
	{ "sctp4", t_sctp },
	{ "dccp4", t_dccp },
	{ "rds", t_rds },
	{ "tun", t_tun },
	{ "tap", t_tap },
	{ "tap_vnet_hdr", t_tap_vnet },
	{ "tap_pi_vnet_hdr", t_tap_pi_vnet },
	{ "sec_sendmsg_kernel_iov", t_sec_sendmsg_kernel_iov },
	{ "sec_recvmsg_kernel_iov", t_sec_recvmsg_kernel_iov },
	{ "sec_sendto_kernel_buf", t_sec_sendto_kernel },
	{ "sec_recvfrom_kernel_buf", t_sec_recvfrom_kernel },
	{ "sec_mmsg_kernel_iov", t_sec_mmsg_kernel },
	{ "sec_negative_len", t_sec_negative_len },
	{ "sec_overflow_len", t_sec_overflow_len },
};

/* one line, one write: the console interleaves nothing into it */
static void report(const char *prefix, const char *name, int r)
{
	static const char *const word[3] = { "PASS ", "FAIL ", "SKIP " };
	char line[sizeof(why) + 100];


	counts[r]++;
	line[0] = 0;
	cat(line, word[r]);
	cat(line, case_prefix);
	cat(line, prefix);
	cat(line, name);
	if (r != PASS) {
		cat(line, ": ");
		cat(line, why);
	}
	cat(line, "\n");
	out(line);
}

/* -- as init of a test kernel ----------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
	int fd = (int)x_open(path, O_WRONLY, 0);

	if (fd >= 0) {
		x_write(fd, text, slen(text));
		x_close(fd);
	}
}

/*
 * TCP Fast Open without cookies, client (0x1 | 0x4) and server (0x2 | 0x200): data in
 * the first SYN.  Only in a network namespace of the probe's own (or as init): it is
 * per namespace on today's kernels, global on 3.18.
 */
static void fastopen_on(void)
{
	write_file("/proc/sys/net/ipv4/tcp_fastopen", "519");
}

static void init_setup(void)
{
	x_mount("proc", "/proc", "proc", 0, 0);
	x_mount("tmpfs", "/dev", "tmpfs", 0, "mode=755");
	x_mkdir("/dev/net", 0755);
	x_mknod("/dev/net/tun", 020666, (10 << 8) | 200);
	x_mknod("/dev/null", 020666, (1 << 8) | 3);
	write_file("/proc/sys/net/ipv4/ping_group_range", "0 2147483647");
	fastopen_on();
}

/* insmod PATH: the module reports its own cases on the console */
static void load_module(const char *path)
{
	int fd = (int)x_open(path, O_RDONLY, 0);
	long r;

	why[0] = 0;
	if (fd < 0) {
		cat(why, "cannot open the module (errno ");
		catnum(why, -fd);
		cat(why, ")");
		report("", "kmod_load", FAIL);
		return;
	}
	r = x_finit_module(fd, "", 0);
	x_close(fd);
	if (r == -EAGAIN) /* the module's init ran its cases and refused to stay */
		r = 0;
	if (r < 0) {
		cat(why, "finit_module (errno ");
		catnum(why, -r);
		cat(why, ")");
	}
	report("", "kmod_load", r < 0 ? FAIL : PASS);
}

/* run PATH with ENVP; its wait status */
static int run_child(const char *path, char **envp)
{
	char *argv[2] = { (char *)path, 0 };
	int status = 0, pid = (int)x_fork();

	if (pid == 0) {
		x_execve(path, argv, envp);
		x_exit(127);
	}
	x_wait4(pid, &status, 0);
	return status;
}

/* run one of the tree's selftests: a case passed when it exits 0 */
static void run_selftest(const char *path, const char *name, char **envp)
{
	int status = run_child(path, envp);

	why[0] = 0;
	if (status) {
		cat(why, "exit status ");
		catnum(why, (status >> 8) & 0xff);
		if (status & 0x7f) {
			cat(why, ", signal ");
			catnum(why, status & 0x7f);
		}
	}
	out("\n");
	report("selftest:", name, status ? FAIL : PASS);
}

static const char *argval(char **envp, const char *key)
{
	for (; *envp; envp++) {
		const char *e = *envp, *k = key;

		while (*k && *e == *k)
			e++, k++;
		if (!*k && *e == '=')
			return e + 1;
	}
	return 0;
}

/* COCCI_SELFTESTS=a,b,c: run /selftests/a ... with our environment */
static void run_selftests(const char *list, char **envp)
{
	char path[128], name[64];

	while (list && *list) {
		int n = 0;

		while (*list && *list != ',' && n < 63)
			name[n++] = *list++;
		name[n] = 0;
		if (*list == ',')
			list++;
		path[0] = 0;
		cat(path, "/selftests/");
		cat(path, name);
		run_selftest(path, name, envp);
	}
}

/* the 32-bit probe (compat system calls): its cases are its own lines, "compat:" first;
 * this case says that it ran to its end (exit 0, or 1 when one of its cases failed) */
static void run_compat(const char *path, char **envp)
{
	char *env[40];
	int n = 0, status;

	env[n++] = "COCCI_PREFIX=compat:";
	for (; *envp && n < 39; envp++)
		if (!argval((char *[]){ *envp, 0 }, "COCCI_PREFIX"))
			env[n++] = *envp;
	env[n] = 0;
	status = run_child(path, env);
	why[0] = 0;
	if (status & 0x7f || ((status >> 8) & 0xff) > 1) {
		cat(why, "exit status ");
		catnum(why, (status >> 8) & 0xff);
		cat(why, ", signal ");
		catnum(why, status & 0x7f);
	}
	report("", "compat_probe", why[0] ? FAIL : PASS);
}

int probe_main(int argc, char **argv, char **envp);

int probe_main(int argc, char **argv, char **envp)
{
	unsigned i;
	const char *only = argc > 1 ? argv[1] : 0;
	char line[120];

	is_init = x_getpid() == 1;
	if (argval(envp, "COCCI_PREFIX"))
		case_prefix = argval(envp, "COCCI_PREFIX");
	if (is_init) {
		init_setup();
	} else if (x_unshare(CLONE_NEWNET) < 0 && x_unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		out("probe: no network namespace of its own (not root?): the host's is used\n");
	} else {
		/* per namespace: ours only */
		write_file("/proc/sys/net/ipv4/ping_group_range", "0 2147483647");
		fastopen_on();
	}
	set_up("lo");
	out("probe: start\n");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (only && !seq(only, cases[i].name))
			continue;
		why[0] = 0;
		report("", cases[i].name, cases[i].fn());
	}
	if (is_init) {
		const char *kmod = argval(envp, "COCCI_KMOD");

		if (kmod)
			load_module(kmod);
		run_selftests(argval(envp, "COCCI_SELFTESTS"), envp);
		if (argval(envp, "COCCI_PROBE32"))
			run_compat(argval(envp, "COCCI_PROBE32"), envp);
	}
	line[0] = 0;
	cat(line, "probe");
	if (*case_prefix) { /* not the summary of the run: "probe compat: ..." */
		cat(line, " ");
		cat(line, case_prefix);
	} else {
		cat(line, ":");
	}
	cat(line, " ");
	catnum(line, counts[PASS]);
	cat(line, " passed, ");
	catnum(line, counts[FAIL]);
	cat(line, " failed, ");
	catnum(line, counts[SKIP]);
	cat(line, " skipped\n");
	out(line);
	if (is_init) {
		const char *end = argval(envp, "COCCI_END");

		x_sync();
		if (end && seq(end, "restart"))
			x_reboot(0x01234567); /* LINUX_REBOOT_CMD_RESTART */
		x_reboot(0x4321fedc); /* LINUX_REBOOT_CMD_POWER_OFF */
	}
	return counts[FAIL] ? 1 : 0;
}
