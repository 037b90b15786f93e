/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe's whole runtime: raw system calls, no libc.
 *
 * 3.18 User-Mode Linux does not preserve a user process's vector registers on
 * today's hosts, so the probe is built with -mgeneral-regs-only and never calls
 * glibc (whose memcpy, strlen and printf use SIMD).  Everything it needs is here:
 * the system calls (x86_64, i386 through socketcall(), aarch64), the few ABI
 * structures and constants, copy/compare/format helpers.
 */
#ifndef COCCI_PROBE_SYS_H
#define COCCI_PROBE_SYS_H

#include <asm/unistd.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long size_t;
typedef long ssize_t;

/* -- system calls --------------------------------------------------------------- */

#if defined(__x86_64__)
static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}
#define KERNEL_POINTER 0xffffffff81000000UL
#elif defined(__aarch64__)
static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("svc 0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}
#define KERNEL_POINTER 0xffff000008080000UL
#elif defined(__i386__)
static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;

	(void)f; /* no i386 call of the probe takes six arguments */
	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return r;
}
/* a 32-bit process on a 64-bit kernel (compat) reaches no kernel address */
#define KERNEL_POINTER 0UL
#else
#error "the probe knows x86_64, i386 and aarch64"
#endif

#define SC(n, a, b, c, d, e, f) \
	sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

#ifdef __i386__
/* 3.18's i386 has socket calls only through socketcall() */
static inline long sockcall(int op, long a, long b, long c, long d, long e, long f)
{
	long args[6] = { a, b, c, d, e, f };

	return sc6(__NR_socketcall, op, (long)args, 0, 0, 0, 0);
}
#define NET(name, op, a, b, c, d, e, f) \
	sockcall(op, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#else
#define NET(name, op, a, b, c, d, e, f) SC(__NR_##name, a, b, c, d, e, f)
#endif

#define x_socket(d, t, p) NET(socket, 1, d, t, p, 0, 0, 0)
#define x_bind(s, a, l) NET(bind, 2, s, a, l, 0, 0, 0)
#define x_connect(s, a, l) NET(connect, 3, s, a, l, 0, 0, 0)
#define x_listen(s, n) NET(listen, 4, s, n, 0, 0, 0, 0)
#define x_getsockname(s, a, l) NET(getsockname, 6, s, a, l, 0, 0, 0)
#define x_socketpair(d, t, p, v) NET(socketpair, 8, d, t, p, v, 0, 0)
#define x_sendto(s, b, n, f, a, l) NET(sendto, 11, s, b, n, f, a, l)
#define x_recvfrom(s, b, n, f, a, l) NET(recvfrom, 12, s, b, n, f, a, l)
#define x_setsockopt(s, l, o, v, n) NET(setsockopt, 14, s, l, o, v, n, 0)
#define x_getsockopt(s, l, o, v, n) NET(getsockopt, 15, s, l, o, v, n, 0)
#define x_sendmsg(s, m, f) NET(sendmsg, 16, s, m, f, 0, 0, 0)
#define x_recvmsg(s, m, f) NET(recvmsg, 17, s, m, f, 0, 0, 0)
#define x_accept(s) NET(accept4, 18, s, 0, 0, 0, 0, 0)
#define x_recvmmsg(s, v, n, f, t) NET(recvmmsg, 19, s, v, n, f, t, 0)
#define x_sendmmsg(s, v, n, f) NET(sendmmsg, 20, s, v, n, f, 0, 0)

#define AT_FDCWD (-100)
#define x_write(fd, b, n) SC(__NR_write, fd, b, n, 0, 0, 0)
#define x_read(fd, b, n) SC(__NR_read, fd, b, n, 0, 0, 0)
#define x_writev(fd, v, n) SC(__NR_writev, fd, v, n, 0, 0, 0)
#define x_readv(fd, v, n) SC(__NR_readv, fd, v, n, 0, 0, 0)
#define x_close(fd) SC(__NR_close, fd, 0, 0, 0, 0, 0)
#define x_open(p, f, m) SC(__NR_openat, AT_FDCWD, p, f, m, 0, 0)
#define x_mkdir(p, m) SC(__NR_mkdirat, AT_FDCWD, p, m, 0, 0, 0)
#define x_mknod(p, m, d) SC(__NR_mknodat, AT_FDCWD, p, m, d, 0, 0)
#define x_ioctl(fd, r, a) SC(__NR_ioctl, fd, r, a, 0, 0, 0)
#define x_mount(s, t, y, f, d) SC(__NR_mount, s, t, y, f, d, 0)
#define x_getpid() SC(__NR_getpid, 0, 0, 0, 0, 0, 0)
#define x_unshare(f) SC(__NR_unshare, f, 0, 0, 0, 0, 0)
#define x_wait4(p, s, o) SC(__NR_wait4, p, s, o, 0, 0, 0)
#define x_kill(p, s) SC(__NR_kill, p, s, 0, 0, 0, 0)
#define x_execve(p, a, e) SC(__NR_execve, p, a, e, 0, 0, 0)
#define x_finit_module(fd, a, f) SC(__NR_finit_module, fd, a, f, 0, 0, 0)
#define x_delete_module(n, f) SC(__NR_delete_module, n, f, 0, 0, 0, 0)
#define x_sync() SC(__NR_sync, 0, 0, 0, 0, 0, 0)
#define x_reboot(c) SC(__NR_reboot, 0xfee1dead, 672274793, c, 0, 0, 0)
#define x_nanosleep(t) SC(__NR_nanosleep, t, 0, 0, 0, 0, 0)
#define x_exit(c) SC(__NR_exit_group, c, 0, 0, 0, 0, 0)
#ifdef __NR_fork
#define x_fork() SC(__NR_fork, 0, 0, 0, 0, 0, 0)
#else
#define x_fork() SC(__NR_clone, 17 /* SIGCHLD */, 0, 0, 0, 0, 0)
#endif

/* -- ABI ------------------------------------------------------------------------- */

#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define AF_KEY 15
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_RDS 21
#define AF_ALG 38
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_DCCP 6
#define SOL_SOCKET 1
#define SO_RCVTIMEO 20 /* the long-based timeval of every ABI */
#define SO_SNDTIMEO 21
#define SCM_RIGHTS 1
#define SOL_IP 0
#define SOL_TCP 6
#define SOL_IPV6 41
#define SOL_PACKET 263
#define SOL_ALG 279
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_DCCP 33
#define IPPROTO_ICMPV6 58
#define IPPROTO_SCTP 132
#define IPPROTO_UDPLITE 136
#define IPPROTO_PROBE 253 /* RFC 3692 experimental */
#define IP_HDRINCL 3
#define TCP_REPAIR 19
#define TCP_REPAIR_QUEUE 20
#define TCP_RECV_QUEUE 1
#define TCP_SEND_QUEUE 2
#define TCP_FASTOPEN 23
#define TCP_INFO 11
#define TCPI_OPT_SYN_DATA 32
#define PACKET_VNET_HDR 15
#define ALG_SET_KEY 1
#define ALG_SET_OP 3
#define ALG_OP_ENCRYPT 1
#define PF_KEY_V2 2
#define SADB_FLUSH 9
#define SADB_SATYPE_UNSPEC 0
#define NETLINK_ROUTE 0
#define RTM_GETLINK 18
#define NLM_F_REQUEST 1
#define NLM_F_DUMP 0x300
#define NLMSG_DONE 3
#define RTM_NEWLINK 16

#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_FASTOPEN 0x20000000

#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define EBADF 9
#define EAGAIN 11
#define EACCES 13
#define EFAULT 14
#define ENODEV 19
#define EINVAL 22
#define ENOSYS 38
#define ENOPROTOOPT 92
#define EPROTONOSUPPORT 93
#define ESOCKTNOSUPPORT 94
#define EOPNOTSUPP 95
#define EAFNOSUPPORT 97
#define EADDRNOTAVAIL 99
#define EMSGSIZE 90
#define ENOPKG 65
#define ENOTTY 25

#define O_RDONLY 0
#define O_RDWR 2
#define O_WRONLY 1
#define O_CREAT 0100
#define O_TRUNC 01000

#define SIOCGIFFLAGS 0x8913
#define SIOCSIFFLAGS 0x8914
#define SIOCGIFINDEX 0x8933
#define TUNSETIFF 0x400454ca
#define IFF_UP 0x1
#define IFF_TUN 0x0001
#define IFF_TAP 0x0002
#define IFF_NO_PI 0x1000
#define IFF_VNET_HDR 0x4000
#define TUNSETVNETHDRSZ 0x400454d8
#define CLONE_NEWNET 0x40000000
#define CLONE_NEWUSER 0x10000000

struct iovec {
	void *iov_base;
	size_t iov_len;
};

struct msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	int msg_flags;
};

struct mmsghdr {
	struct msghdr msg_hdr;
	unsigned int msg_len;
};

struct cmsghdr {
	size_t cmsg_len;
	int cmsg_level;
	int cmsg_type;
};
#define CMSG_ALIGN(n) (((n) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_SPACE(n) (CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(n))
#define CMSG_LEN(n) (CMSG_ALIGN(sizeof(struct cmsghdr)) + (n))
#define CMSG_DATA(c) ((u8 *)(c) + CMSG_ALIGN(sizeof(struct cmsghdr)))

struct sockaddr_un {
	u16 sun_family;
	char sun_path[108];
};

struct sockaddr_in {
	u16 sin_family;
	u16 sin_port;
	u32 sin_addr;
	u8 sin_zero[8];
};

struct sockaddr_in6 {
	u16 sin6_family;
	u16 sin6_port;
	u32 sin6_flowinfo;
	u8 sin6_addr[16];
	u32 sin6_scope_id;
};

struct sockaddr_nl {
	u16 nl_family;
	u16 nl_pad;
	u32 nl_pid;
	u32 nl_groups;
};

struct sockaddr_ll {
	u16 sll_family;
	u16 sll_protocol;
	int sll_ifindex;
	u16 sll_hatype;
	u8 sll_pkttype;
	u8 sll_halen;
	u8 sll_addr[8];
};

struct sockaddr_alg {
	u16 salg_family;
	u8 salg_type[14];
	u32 salg_feat;
	u32 salg_mask;
	u8 salg_name[64];
};

struct nlmsghdr {
	u32 nlmsg_len;
	u16 nlmsg_type;
	u16 nlmsg_flags;
	u32 nlmsg_seq;
	u32 nlmsg_pid;
};

struct sadb_msg {
	u8 sadb_msg_version;
	u8 sadb_msg_type;
	u8 sadb_msg_errno;
	u8 sadb_msg_satype;
	u16 sadb_msg_len;
	u16 sadb_msg_reserved;
	u32 sadb_msg_seq;
	u32 sadb_msg_pid;
};

struct ifreq {
	char ifr_name[16];
	union {
		short flags;
		int ifindex;
		void *pointer;
		char pad[24];
	} u;
};

struct timeval_l {
	long sec;
	long usec;
};

struct timespec_l {
	long sec;
	long nsec;
};

/* -- helpers (no SIMD: this file is built with -mgeneral-regs-only) --------------- */

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memmove(void *d, const void *s, size_t n);

static inline u16 be16(u16 v)
{
	return (u16)((v >> 8) | (v << 8));
}

static inline u32 be32(u32 v)
{
	return ((v >> 24) & 0xff) | ((v >> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24);
}

#endif
