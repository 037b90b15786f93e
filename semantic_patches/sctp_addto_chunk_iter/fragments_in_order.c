struct iovec;
struct iov_iter;
struct msghdr;
struct sctp_chunk;

int sctp_user_addto_chunk(struct sctp_chunk *chunk, int off, int len,
			  const struct iovec *data);

int sctp_user_addto_chunk(struct sctp_chunk *chunk, int off, int len,
			  const struct iovec *data)
{
	__u8 *target;
	int err = 0;

	/* Make room in chunk for data.  */
	target = skb_put(chunk->skb, len);

	/* Copy data (whole iovec) into chunk */
	if ((err = memcpy_fromiovecend(target, data, off, len)))
		goto out;

	chunk->chunk_end = skb_tail_pointer(chunk->skb);

out:
	return err;
}

struct sctp_datamsg *sctp_datamsg_from_user(struct sctp_association *asoc,
					    struct sctp_sndrcvinfo *sinfo,
					    struct msghdr *msgh, int msg_len)
{
	int max, whole, i, offset, over, err;
	int len, first_len;
	struct sctp_chunk *chunk;
	struct sctp_datamsg *msg;

	msg = sctp_datamsg_new(GFP_KERNEL);
	first_len = max = asoc->frag_point;
	whole = msg_len / max;
	over = msg_len % max;
	offset = 0;

	for (i = 0, len = first_len; i < whole; i++) {
		chunk = sctp_make_datafrag_empty(asoc, sinfo, len, 0, 0);
		if (!chunk) {
			err = -ENOMEM;
			goto errout;
		}

		err = sctp_user_addto_chunk(chunk, offset, len,
					    msgh->msg_iter.iov);
		if (err < 0)
			goto errout_chunk_free;

		offset += len;

		list_add_tail(&chunk->frag_list, &msg->chunks);
	}

	if (over) {
		chunk = sctp_make_datafrag_empty(asoc, sinfo, over, 0, 0);
		if (!chunk) {
			err = -ENOMEM;
			goto errout;
		}

		err = sctp_user_addto_chunk(chunk, offset, over,
					    msgh->msg_iter.iov);
		if (err < 0)
			goto errout_chunk_free;

		list_add_tail(&chunk->frag_list, &msg->chunks);
	}

	return msg;

errout_chunk_free:
	sctp_chunk_free(chunk);
errout:
	sctp_datamsg_free(msg);
	return ERR_PTR(err);
}
