// SPDX-License-Identifier: GPL-2.0-only
/// Classify every kernel_sendmsg()/kernel_recvmsg() call by what the code
/// around it assumes about the kvec once the call has returned.
///
/// With an iov_iter in struct msghdr the receive path no longer advances
/// the kvec array: a caller that loops on the same kvec would read into
/// the start of its buffer again.
///
/// A report rule for a scratch copy (the pinned spatch has no scripting):
/// it marks instead of fixing.  Phase 1 gives every call one form
/// (cocci_k_send/cocci_k_recv, the kvec wrapped in cocci_vec*); phase 2
/// wraps the size in cocci_size__STATUS__FN() where it is proved equal
/// to, or can exceed, the kvec's length; phase 3 is a decision list: the
/// first rule that matches renames the call to
/// cocci_audit__CLASS__RULE__CALLEE__FN and wraps the statements that
/// decided in cocci_ev__ROLE__CLASS__RULE__FN().  generator/audit.py
/// reads the marks back from the diff against the original.
// Confidence: Moderate
// Requires: 1.3.3
// Keywords: kernel_sendmsg, kernel_recvmsg, kvec, iov_iter, audit
// Kind: report
#spatch --include-headers --max-width 10000

// ---- phase 0: definitions, prototypes, exports (for the census) ------

@def@
symbol kernel_sendmsg, kernel_recvmsg;
type T;
@@
T
- \(kernel_sendmsg\|kernel_recvmsg\)
+ cocci_audit_def
  (...) {...}

@proto@
symbol kernel_sendmsg, kernel_recvmsg;
type T;
@@
T
- \(kernel_sendmsg\|kernel_recvmsg\)
+ cocci_audit_decl
  (...);

@export@
symbol kernel_sendmsg, kernel_recvmsg;
declarer name EXPORT_SYMBOL;
@@
EXPORT_SYMBOL(
- \(kernel_sendmsg\|kernel_recvmsg\)
+ cocci_audit_export
  );

// ---- phase 1: one call form, one vector form, visible declarations ---

@cs@
symbol kernel_sendmsg;
expression S, M, B, J;
type T;
@@
(
- kernel_sendmsg
+ cocci_k_send
  (S, M,
- \(&B[J]\|(T)&B[J]\)
+ cocci_vec_elem(B, J)
  , ...)
|
- kernel_sendmsg
+ cocci_k_send
  (S, M,
- \(&B\|(T)&B\)
+ cocci_vec_addr(B)
  , ...)
|
- kernel_sendmsg
+ cocci_k_send
  (S, M,
- \(NULL\|(T)NULL\)
+ cocci_vec_none()
  , ...)
|
- kernel_sendmsg
+ cocci_k_send
  (S, M,
- \((T)B\|B\)
+ cocci_vec(B)
  , ...)
)

@cr@
symbol kernel_recvmsg;
expression S, M, B, J;
type T;
@@
(
- kernel_recvmsg
+ cocci_k_recv
  (S, M,
- \(&B[J]\|(T)&B[J]\)
+ cocci_vec_elem(B, J)
  , ...)
|
- kernel_recvmsg
+ cocci_k_recv
  (S, M,
- \(&B\|(T)&B\)
+ cocci_vec_addr(B)
  , ...)
|
- kernel_recvmsg
+ cocci_k_recv
  (S, M,
- \(NULL\|(T)NULL\)
+ cocci_vec_none()
  , ...)
|
- kernel_recvmsg
+ cocci_k_recv
  (S, M,
- \((T)B\|B\)
+ cocci_vec(B)
  , ...)
)

// A declaration is not an expression: put a statement naming the kvec
// after it, so that "... when != B" sees a kvec (re)declared in a loop.
@dk depends on cs || cr@
identifier B;
initializer I;
expression E;
@@
(
  struct kvec B;
+ cocci_kvec_decl(B);
|
  struct kvec B = I;
+ cocci_kvec_decl(B);
|
  struct kvec B[E];
+ cocci_kvec_decl(B);
|
  struct kvec B[E] = I;
+ cocci_kvec_decl(B);
|
  struct iovec B;
+ cocci_kvec_decl(B);
|
  struct iovec B[E];
+ cocci_kvec_decl(B);
|
  struct kvec *B = E;
+ cocci_kvec_alias(B);
|
  struct iovec *B = E;
+ cocci_kvec_alias(B);
)

// ---- phase 2: the size argument against the kvec ---------------------
// The size becomes the iterator's count, so it must not exceed what the
// kvec holds.  The size argument is wrapped in cocci_size__STATUS__FN();
// evidence in cocci_sev__ROLE__STATUS__FN().  Only the size and the
// amounts are wrapped, never the kvec: phase 3 still sees it as it was.

// exceeds: the kvec is shortened by hand between two rounds of the same
// call while the size (a variable) is not: the count outgrows the kvec.
@sx depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
expression S, M, B, J, N, E, E2, E3;
idexpression L;
fresh identifier sz = "cocci_size__exceeds__" ## fn;
fresh identifier sv = "cocci_sev__shrink__exceeds__" ## fn;
position p;
@@
fn(...) { <+...
K@p(S, M, \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), N,
- L
+ sz(L)
  , ...)
... when != L = E2
    when != L -= E2
    when != L += E2
(
  B.iov_len -=
- E
+ sv(E)
|
  B[E3].iov_len -=
- E
+ sv(E)
|
  B->iov_len -=
- E
+ sv(E)
)
... when != L = E2
    when != L -= E2
    when != L += E2
K@p(...)
...+> }

// equal: a single kvec, and the size is its length.
@se1 depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
expression S, M, B, J;
fresh identifier sz = "cocci_size__equal__" ## fn;
@@
fn(...) { <+...
(
  K(S, M, cocci_vec_addr(B), 1,
- B.iov_len
+ sz(B.iov_len)
  , ...)
|
  K(S, M, cocci_vec(B), 1,
- B->iov_len
+ sz(B->iov_len)
  , ...)
|
  K(S, M, cocci_vec(B), 1,
- B[0].iov_len
+ sz(B[0].iov_len)
  , ...)
|
  K(S, M, cocci_vec_elem(B, J), 1,
- B[J].iov_len
+ sz(B[J].iov_len)
  , ...)
|
  K(S, M, cocci_vec_none(), 0,
- 0
+ sz(0)
  , ...)
)
...+> }

// equal: a single kvec whose length was last set to the size.
@se2 depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
expression S, M, B, L, E;
type T;
fresh identifier sz = "cocci_size__equal__" ## fn;
fresh identifier sv = "cocci_sev__length__equal__" ## fn;
@@
fn(...) { <+...
(
  B.iov_len =
- L
+ sv(L)
|
  B.iov_len =
- (T)L
+ sv(L)
|
  B[0].iov_len =
- L
+ sv(L)
|
  B[0].iov_len =
- (T)L
+ sv(L)
)
... when != B.iov_len = E
    when != B[0].iov_len = E
    when != L = E
    when != L -= E
    when != L += E
  K(S, M, \(cocci_vec_addr(B)\|cocci_vec(B)\), 1,
- L
+ sz(L)
  , ...)
...+> }

// equal: a single kvec declared with the size as its length.
@se3 depends on cs || cr exists@
identifier fn, B;
identifier K = {cocci_k_send, cocci_k_recv};
expression S, M, L, E, E2;
fresh identifier sz = "cocci_size__equal__" ## fn;
fresh identifier sv = "cocci_sev__length__equal__" ## fn;
@@
fn(...) { <+...
(
  struct kvec B = { E,
- L
+ sv(L)
  };
|
  struct kvec B = { .iov_base = E, .iov_len =
- L
+ sv(L)
  };
|
  struct kvec B = { .iov_len =
- L
+ sv(L)
  , .iov_base = E };
)
... when != B.iov_len = E2
    when != L = E2
    when != L -= E2
    when != L += E2
  K(S, M, cocci_vec_addr(B), 1,
- L
+ sz(L)
  , ...)
...+> }

// ---- phase 3: the decision list (first match wins) -------------------
// A rule renames the call (K) and wraps the evidence (B) in place.  B is
// the kvec the call was given: the array, the struct or the pointer.

// (iv) no vector at all: kernel_sendmsg(sock, &msg, NULL, 0, 0).
@nv depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
fresh identifier id =
  "cocci_audit__iv__no_vector__" ## K ## "__" ## fn;
@@
fn(...) { <+...
- K
+ id
  (..., cocci_vec_none(), ...)
...+> }

// (iv) a size of 0: nothing is copied, so the kvec is left as it was,
// before the series and after it (a peek at the next packet's length
// before the read, as Qualcomm's diag socket driver does).
@nz depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
expression S, M, V, N;
fresh identifier id =
  "cocci_audit__iv__size_zero__" ## K ## "__" ## fn;
@@
fn(...) { <+...
- K
+ id
  (S, M, V, N, 0, ...)
...+> }

// (iii) the kvec is advanced by hand after the call: the code assumes
// the call left it as it was.
@ha depends on cs || cr exists@
identifier fn, fld;
identifier K = {cocci_k_send, cocci_k_recv};
expression B, J, E, E2, E3;
fresh identifier id =
  "cocci_audit__iii__hand_advance__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__advance__iii__hand_advance__" ## fn;
@@
fn(...) { <+...
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B.fld = E2
    when != B[E3].fld = E2
(
- B
+ ev(B)
  .fld += E
|
- B
+ ev(B)
  .fld -= E
|
- B
+ ev(B)
  [E2].fld += E
|
- B
+ ev(B)
  [E2].fld -= E
|
- B
+ ev(B)
  ->fld += E
|
- B
+ ev(B)
  ->fld -= E
|
- B
+ ev(B)
  ++
|
- B
+ ev(B)
  += E
)
...+> }

// (iii) the call is given &kvec[i], and i is moved on by hand afterwards.
@hi depends on cs || cr exists@
identifier fn, J;
identifier K = {cocci_k_send, cocci_k_recv};
expression B, E;
fresh identifier id =
  "cocci_audit__iii__hand_advance__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__index__iii__hand_advance__" ## fn;
@@
fn(...) { <+...
- K
+ id
  (..., cocci_vec_elem(B, J), ...)
...
- J
+ ev(J)
  = E
...+> }

// (ii) a receive reached again, in a loop, with its kvec untouched: 3.18
// consumed the kvec, so the next round reads on where this one stopped.
@rlc depends on cs || cr exists@
identifier fn;
idexpression B;
expression J, R, T;
fresh identifier id =
  "cocci_audit__ii__recv_loop__cocci_k_recv__" ## fn;
fresh identifier ev =
  "cocci_ev__count__ii__recv_loop__" ## fn;
@@
fn(...) { <+...
R =
- cocci_k_recv
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
(
- T
+ ev(T)
  += R
|
- T
+ ev(T)
  -= R
)
... when != B
cocci_k_recv(...,
  \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

@rl depends on cs || cr exists@
identifier fn;
idexpression B;
expression J;
position p;
fresh identifier id =
  "cocci_audit__ii__recv_loop__cocci_k_recv__" ## fn;
@@
fn(...) { <+...
- cocci_k_recv@p
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
cocci_k_recv@p(...)
...+> }

// (ii) a receive whose kvec is then given, untouched, to another call.
@rn depends on cs || cr exists@
identifier fn, K2;
idexpression B;
expression J, S2, M2;
fresh identifier id =
  "cocci_audit__ii__recv_then_again__cocci_k_recv__" ## fn;
fresh identifier ev =
  "cocci_ev__again__ii__recv_then_again__" ## fn;
@@
fn(...) { <+...
- cocci_k_recv
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
K2(
- S2
+ ev(S2)
  , M2, \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

// (ii) a send reached again with its kvec untouched, while the bytes it
// sent are added up: the code expects the kvec to move on.
@sl depends on cs || cr exists@
identifier fn;
idexpression B;
expression J, R, T;
position p;
fresh identifier id =
  "cocci_audit__ii__send_loop_counted__cocci_k_send__" ## fn;
fresh identifier ev =
  "cocci_ev__count__ii__send_loop_counted__" ## fn;
@@
fn(...) { <+...
R =
- cocci_k_send@p
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
(
- T
+ ev(T)
  += R
|
- T
+ ev(T)
  -= R
)
... when != B
cocci_k_send@p(...)
...+> }

// (iii) a send reached again with its kvec untouched and nothing added
// up: a retry, or the same packet sent again.
@rs depends on cs || cr exists@
identifier fn;
idexpression B;
expression J;
position p;
fresh identifier id =
  "cocci_audit__iii__resend_loop__cocci_k_send__" ## fn;
@@
fn(...) { <+...
- cocci_k_send@p
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
cocci_k_send@p(...)
...+> }

// (iii) a send whose kvec is then given, untouched, to another call.
@sn depends on cs || cr exists@
identifier fn, K2;
idexpression B;
expression J, S2, M2;
fresh identifier id =
  "cocci_audit__iii__resend__cocci_k_send__" ## fn;
fresh identifier ev =
  "cocci_ev__again__iii__resend__" ## fn;
@@
fn(...) { <+...
- cocci_k_send
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
K2(
- S2
+ ev(S2)
  , M2, \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

// The same two loop rules for a kvec that is a field (X->f, X.f): the
// base X must not be mentioned at all between the two rounds, so a
// queue walk (e = next entry; send &e->iov) is not taken for a loop.
@rlf depends on cs || cr exists@
identifier fn, X, fld;
expression J;
position p;
fresh identifier id =
  "cocci_audit__ii__recv_loop__cocci_k_recv__" ## fn;
@@
fn(...) { <+...
- cocci_k_recv@p
+ id
  (...,
   \(cocci_vec_elem(X->fld, J)\|cocci_vec_addr(X->fld)\|cocci_vec(X->fld)
   \|cocci_vec_elem(X.fld, J)\|cocci_vec_addr(X.fld)\|cocci_vec(X.fld)\)
   , ...)
... when != X
cocci_k_recv@p(...)
...+> }

@rsf depends on cs || cr exists@
identifier fn, X, fld;
expression J;
position p;
fresh identifier id =
  "cocci_audit__iii__resend_loop__cocci_k_send__" ## fn;
@@
fn(...) { <+...
- cocci_k_send@p
+ id
  (...,
   \(cocci_vec_elem(X->fld, J)\|cocci_vec_addr(X->fld)\|cocci_vec(X->fld)
   \|cocci_vec_elem(X.fld, J)\|cocci_vec_addr(X.fld)\|cocci_vec(X.fld)\)
   , ...)
... when != X
cocci_k_send@p(...)
...+> }

// (i) the kvec given to the call is a scratch copy of another one.
@cp depends on cs || cr exists@
identifier fn, F;
identifier K = {cocci_k_send, cocci_k_recv};
expression B, J, E, E2, J2, Sz;
struct kvec *W;
fresh identifier id =
  "cocci_audit__i__copy__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__copy__i__copy__" ## fn;
@@
fn(...) { <+...
(
- B
+ ev(B)
  [J2] = E[E2]
|
  memcpy(
- B
+ ev(B)
  , E, Sz)
|
  memcpy(&
- B
+ ev(B)
  , E, Sz)
|
  F(
- B
+ ev(B)
  , W, ...)
)
...
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

// unknown: the kvec is read after the call before anything rebuilds it;
// which state (advanced or not) the code expects is not decidable here.
// Three steps: match (q is bound only for a read), keep the calls with
// a read, rename them; the read itself is wrapped afterwards.  For a
// field X->f, reassigning X ends the search (another object's kvec).
@rd depends on cs || cr exists@
identifier fn, fld;
identifier K = {cocci_k_send, cocci_k_recv};
idexpression B;
expression J, E, E2, E3;
position p, q;
@@
fn(...) { <+...
K@p(..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
(
  B.fld = E
|
  B[E2].fld = E
|
  B->fld = E
|
  B = E
|
  cocci_kvec_decl(B)
|
  kfree(B)
|
  memset(B, ...)
|
  memset(&B, ...)
|
  B@q
)
...+> }

@rdf depends on rd exists@
identifier rd.K;
idexpression rd.B;
position rd.p, rd.q, p2;
@@
K@p@p2(...)
...
B@q

@rdm depends on rdf@
identifier rd.fn, rd.K;
position rdf.p2;
fresh identifier id =
  "cocci_audit__unknown__read_after__" ## K ## "__" ## fn;
@@
- K@p2
+ id

@rde depends on rdm exists@
identifier rd.fn, rdm.id, fld;
idexpression rd.B;
expression J, E, E2, E3;
fresh identifier ev =
  "cocci_ev__read__unknown__read_after__" ## fn;
@@
id(..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when != B
(
  B.fld = E
|
  B[E2].fld = E
|
  B->fld = E
|
  B = E
|
  cocci_kvec_decl(B)
|
  kfree(B)
|
  memset(B, ...)
|
  memset(&B, ...)
|
- B
+ ev(B)
)

@rx depends on cs || cr exists@
identifier fn, fld;
identifier K = {cocci_k_send, cocci_k_recv};
identifier X, fld2;
expression J, E, E2, E3;
position p, q;
@@
fn(...) { <+...
K@p(..., \(cocci_vec_elem(X->fld2, J)\|cocci_vec_addr(X->fld2)
   \|cocci_vec(X->fld2)\), ...)
... when != X->fld2
    when != X = E3
(
  X = E3
|
  X->fld2.fld = E
|
  X->fld2[E2].fld = E
|
  X->fld2->fld = E
|
  X->fld2 = E
|
  cocci_kvec_decl(X->fld2)
|
  kfree(X->fld2)
|
  memset(X->fld2, ...)
|
  memset(&X->fld2, ...)
|
  X->fld2@q
)
...+> }

@rxf depends on rx exists@
identifier rx.K;
identifier rx.X, rx.fld2;
position rx.p, rx.q, p2;
@@
K@p@p2(...)
...
X->fld2@q

@rxm depends on rxf@
identifier rx.fn, rx.K;
position rxf.p2;
fresh identifier id =
  "cocci_audit__unknown__read_after__" ## K ## "__" ## fn;
@@
- K@p2
+ id

@rxe depends on rxm exists@
identifier rx.fn, rxm.id, fld;
identifier rx.X, rx.fld2;
expression J, E, E2, E3;
fresh identifier ev =
  "cocci_ev__read__unknown__read_after__" ## fn;
@@
id(..., \(cocci_vec_elem(X->fld2, J)\|cocci_vec_addr(X->fld2)
   \|cocci_vec(X->fld2)\), ...)
... when != X->fld2
    when != X = E3
(
  X = E3
|
  X->fld2.fld = E
|
  X->fld2[E2].fld = E
|
  X->fld2->fld = E
|
  X->fld2 = E
|
  cocci_kvec_decl(X->fld2)
|
  kfree(X->fld2)
|
  memset(X->fld2, ...)
|
  memset(&X->fld2, ...)
|
- X->fld2
+ ev(X->fld2)
)


// (iv) the kvec is local to the function (declared there, or allocated
// there) and nothing reads it after the call before rebuilding it: what
// the call leaves in it is never looked at.  Reached again: rebuilt.
@lr depends on cs || cr exists@
identifier fn, B;
identifier K = {cocci_k_send, cocci_k_recv};
expression J, E;
initializer I;
position p;
fresh identifier id =
  "cocci_audit__iv__rebuilt__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__local__iv__rebuilt__" ## fn;
@@
fn(...) { ... when any
(
  struct kvec
- B
+ ev
  ;
|
  struct kvec
- B
+ ev
  = I;
|
  struct kvec
- B
+ ev
  [E];
|
  struct kvec
- B
+ ev
  [E] = I;
|
  struct iovec
- B
+ ev
  ;
|
  struct iovec
- B
+ ev
  [E];
|
- B
+ ev
  = \(kmalloc\|kzalloc\|kcalloc\)(...)
)
... when any
- K@p
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when any
K@p(...)
... when any
}

@ls depends on cs || cr exists@
identifier fn, B;
identifier K = {cocci_k_send, cocci_k_recv};
expression J, E;
initializer I;
fresh identifier id =
  "cocci_audit__iv__single__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__local__iv__single__" ## fn;
@@
fn(...) { ... when any
(
  struct kvec
- B
+ ev
  ;
|
  struct kvec
- B
+ ev
  = I;
|
  struct kvec
- B
+ ev
  [E];
|
  struct kvec
- B
+ ev
  [E] = I;
|
  struct iovec
- B
+ ev
  ;
|
  struct iovec
- B
+ ev
  [E];
|
- B
+ ev
  = \(kmalloc\|kzalloc\|kcalloc\)(...)
)
... when any
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
... when any
}

// unknown: the kvec is a parameter, passed on as it came in; what it
// must look like afterwards is up to the callers of this function.
@pa depends on cs || cr exists@
identifier fn, B;
identifier K = {cocci_k_send, cocci_k_recv};
expression J;
type T;
fresh identifier id =
  "cocci_audit__unknown__parameter__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__parameter__unknown__parameter__" ## fn;
@@
fn(..., T
- B
+ ev
  , ...) { <+...
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

// unknown: the kvec pointer is taken from elsewhere (a field, another
// pointer); the rules do not follow it.
@al depends on cs || cr exists@
identifier fn, B;
identifier K = {cocci_k_send, cocci_k_recv};
expression J, E;
fresh identifier id =
  "cocci_audit__unknown__alias__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__alias__unknown__alias__" ## fn;
@@
fn(...) { <+...
(
- B
+ ev
  = E
|
  cocci_kvec_alias(
- B
+ ev
  )
)
... when != B
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

// unknown: on some path from the start of the function the kvec reaches
// the call without being written: it is used as it was found.
@nb depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
expression B, J;
fresh identifier id =
  "cocci_audit__unknown__as_found__" ## K ## "__" ## fn;
@@
fn(...) {
... when != B
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...
}

// (iv) the kvec lives outside the function, but the last thing before
// the call is its rebuilding.
@rb depends on cs || cr exists@
identifier fn, fld;
identifier K = {cocci_k_send, cocci_k_recv};
expression B, J, E, E2;
fresh identifier id =
  "cocci_audit__iv__rebuilt_before__" ## K ## "__" ## fn;
fresh identifier ev =
  "cocci_ev__rebuild__iv__rebuilt_before__" ## fn;
@@
fn(...) { <+...
(
- B
+ ev(B)
  .fld = E
|
- B
+ ev(B)
  [E2].fld = E
|
- B
+ ev(B)
  ->fld = E
)
... when != B
- K
+ id
  (..., \(cocci_vec_elem(B, J)\|cocci_vec_addr(B)\|cocci_vec(B)\), ...)
...+> }

// unknown: nothing above decided.
@nm depends on cs || cr exists@
identifier fn;
identifier K = {cocci_k_send, cocci_k_recv};
fresh identifier id =
  "cocci_audit__unknown__no_rule__" ## K ## "__" ## fn;
@@
fn(...) { <+...
- K
+ id
  (...)
...+> }

// unknown: a call whose arguments have none of the forms above.
@nf exists@
symbol kernel_sendmsg, kernel_recvmsg;
identifier fn;
fresh identifier id =
  "cocci_audit__unknown__call_form__kernel__" ## fn;
@@
fn(...) { <+...
- \(kernel_sendmsg\|kernel_recvmsg\)
+ id
  (...)
...+> }
