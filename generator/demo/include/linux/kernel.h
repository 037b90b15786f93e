#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>

#define INT_MAX		((int)(~0U >> 1))
#define min(x, y)	((x) < (y) ? (x) : (y))
#define min_t(type, x, y) ((type)(x) < (type)(y) ? (type)(x) : (type)(y))
#define EXPORT_SYMBOL(sym) extern int __export_##sym
#define WARN_ON(cond) ((void)(cond))
#define BUG_ON(cond) do { if (cond) __builtin_trap(); } while (0)
#define BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))

#define EPERM		1
#define EFAULT		14
#define EINVAL		22
#define ENOMEM		12
#define EAGAIN		11
#define ENOBUFS		105
#define EMSGSIZE	90
#define ENOTCONN	107

#define GFP_KERNEL	0x10u

struct page;

void *kmalloc(size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void kfree(const void *p);
void *memcpy(void *dst, const void *src, size_t n);
void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
void *memset(void *s, int c, size_t n);

#endif
