#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __user
#define __force
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define asmlinkage

#endif
