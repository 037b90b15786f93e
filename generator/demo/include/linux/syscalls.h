#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/socket.h>

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3) \
	asmlinkage long sys_##name(t1 a1, t2 a2, t3 a3)
#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4) \
	asmlinkage long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)
#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	asmlinkage long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

asmlinkage long sys_sendmsg(int fd, struct msghdr __user *msg, unsigned flags);
asmlinkage long sys_recvmsg(int fd, struct msghdr __user *msg, unsigned flags);

#endif
