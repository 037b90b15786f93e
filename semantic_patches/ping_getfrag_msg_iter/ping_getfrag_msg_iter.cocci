// SPDX-License-Identifier: GPL-2.0-only
/// ping_getfrag() copies through the msghdr's msg_iter.
///
/// struct pingfakehdr carries the msghdr instead of its iovec array, and
/// ping_getfrag() copies and checksums with csum_and_copy_from_iter()
/// from where msg_iter stands, instead of with
/// csum_partial_copy_fromiovecend() at an offset into the array: the
/// offset only says whether the piece starts with the ICMP header's room.
/// ip_append_data() and ip6_append_data() ask for one call's data in
/// order, each piece starting where the previous one ended, and stop at
/// the first error, so the iterator stands where the offset pointed.
/// Other getfrag callbacks and other iovec copies are left alone.
// Confidence: High
// Requires: 1.3.3
// Keywords: ping, getfrag, msghdr, msg_iter, csum_and_copy_from_iter
#spatch --include-headers
virtual patch

@@
@@
 struct pingfakehdr {
 	...
-	const struct iovec *iov;
+	struct msghdr *msg;
 	...
 };

@@
struct pingfakehdr pfh;
struct msghdr *m;
@@
- pfh.iov = m->msg_iter.iov;
+ pfh.msg = m;

@@
identifier from, to, offset, fraglen, odd, skb;
struct pingfakehdr *pfh;
expression O;
@@
 int ping_getfrag(void *from, char *to, int offset, int fraglen, int odd,
	struct sk_buff *skb)
 {
 	...
 	if (offset == 0) {
 		if (fraglen < sizeof(struct icmphdr))
 			BUG();
-		if (csum_partial_copy_fromiovecend(to +
-			sizeof(struct icmphdr), pfh->iov, 0,
-			fraglen - sizeof(struct icmphdr), &pfh->wcheck))
-			return -EFAULT;
+		to += sizeof(struct icmphdr);
+		fraglen -= sizeof(struct icmphdr);
 	} else if (offset < sizeof(struct icmphdr)) {
 		BUG();
-	} else {
-		if (csum_partial_copy_fromiovecend(to, pfh->iov, O,
-			fraglen, &pfh->wcheck))
-			return -EFAULT;
 	}
+	if (csum_and_copy_from_iter(to, fraglen, &pfh->wcheck,
+				    &pfh->msg->msg_iter) != fraglen)
+		return -EFAULT;
 	...
 }
