size_t copy_from_iter_nocache(void *addr, size_t bytes, struct iov_iter *i);
