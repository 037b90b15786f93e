#ifndef _IP_H
#define _IP_H

#include <net/sock.h>

struct udphdr {
	u16	source;
	u16	dest;
	u16	len;
	u16	check;
};

/* A getfrag callback copies LEN bytes at OFFSET of FROM into TO. */
typedef int (*getfrag_t)(void *from, char *to, int offset, int len, int odd,
			 struct sk_buff *skb);

int ip_generic_getfrag(void *from, char *to, int offset, int len, int odd,
		       struct sk_buff *skb);
int ip_append_data(struct sock *sk, getfrag_t getfrag, void *from,
		   int length, int transhdrlen, unsigned int flags);
int ip_push_pending_frames(struct sock *sk);

#endif	/* _IP_H */
