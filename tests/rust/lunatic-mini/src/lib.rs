//! lunatic-mini: the host-call patterns of lunatic-rs 0.14 (the SDK Lunatic's users build
//! with), re-created in a few hundred lines for tycho's tests. Not its API: its *shape*
//! as the runtime sees it.
//!
//! - Every spawn goes through the export `_lunatic_spawn_by_index_0.14.1(i32, i32)` with
//!   two i32 params (a type helper's and the entry's function-table indices); the
//!   captured value is the child's first message, sent by the parent right after.
//! - Every send compares the target's node with `lunatic::distributed::node_id()`.
//! - Requests go out with `send_receive_skip_search` and a fresh tag per request.
//! - Named processes use `lunatic::process::get_or_spawn`; `catch_panic` uses
//!   `lunatic::trap::catch` and the export `_lunatic_catch_trap`.
//! - Tests are exports named `#lunatic_test_...` (the `test!` macro), run by the
//!   runtime's test mode.
//!
//! Messages are encoded with the `Msg` trait (little-endian, bincode-like).

pub mod host;

use std::marker::PhantomData;

/// The result of `receive` and `send_receive_skip_search` that means "timed out".
pub const TIMEOUT: u32 = 9027;
/// No timeout (u64::MAX milliseconds).
pub const FOREVER: u64 = u64::MAX;

// ---- messages -------------------------------------------------------------------------

/// A value that travels in a message.
pub trait Msg: Sized {
    fn write(&self, out: &mut Vec<u8>);
    fn read(input: &mut &[u8]) -> Option<Self>;
}

fn take<'a>(input: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if input.len() < n {
        return None;
    }
    let (a, b) = input.split_at(n);
    *input = b;
    Some(a)
}

macro_rules! int_msg {
    ($($t:ty),*) => {$(
        impl Msg for $t {
            fn write(&self, out: &mut Vec<u8>) { out.extend_from_slice(&self.to_le_bytes()); }
            fn read(input: &mut &[u8]) -> Option<Self> {
                let b = take(input, std::mem::size_of::<$t>())?;
                Some(<$t>::from_le_bytes(b.try_into().ok()?))
            }
        }
    )*};
}
int_msg!(u8, u32, i32, u64, i64);

impl Msg for () {
    fn write(&self, _: &mut Vec<u8>) {}
    fn read(_: &mut &[u8]) -> Option<Self> {
        Some(())
    }
}

impl Msg for String {
    fn write(&self, out: &mut Vec<u8>) {
        (self.len() as u64).write(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn read(input: &mut &[u8]) -> Option<Self> {
        let n = u64::read(input)? as usize;
        String::from_utf8(take(input, n)?.to_vec()).ok()
    }
}

impl Msg for Vec<u8> {
    fn write(&self, out: &mut Vec<u8>) {
        (self.len() as u64).write(out);
        out.extend_from_slice(self);
    }
    fn read(input: &mut &[u8]) -> Option<Self> {
        let n = u64::read(input)? as usize;
        Some(take(input, n)?.to_vec())
    }
}

impl<A: Msg, B: Msg> Msg for (A, B) {
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
        self.1.write(out);
    }
    fn read(input: &mut &[u8]) -> Option<Self> {
        Some((A::read(input)?, B::read(input)?))
    }
}

impl<M> Msg for Process<M> {
    fn write(&self, out: &mut Vec<u8>) {
        self.node.write(out);
        self.id.write(out);
    }
    fn read(input: &mut &[u8]) -> Option<Self> {
        Some(Process::from_ids(u64::read(input)?, u64::read(input)?))
    }
}

/// Builds the scratch message: tag, then the value, streamed with write_data.
fn write_message<T: Msg>(tag: i64, value: &T) {
    let mut buf = Vec::new();
    value.write(&mut buf);
    unsafe {
        host::message::create_data(tag, buf.len() as u64);
        host::message::write_data(buf.as_ptr(), buf.len());
    }
}

/// Reads the whole scratch message as T.
fn read_message<T: Msg>() -> Option<T> {
    let n = unsafe { host::message::data_size() } as usize;
    let mut buf = vec![0u8; n];
    let got = unsafe { host::message::read_data(buf.as_mut_ptr(), n) };
    T::read(&mut &buf[..got])
}

/// A fresh tag, unique in this process (lunatic-rs: `Tag::new()`).
pub fn new_tag() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static NEXT: AtomicI64 = AtomicI64::new(1 << 40);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

// ---- processes ------------------------------------------------------------------------

/// A process that receives messages of type M.
pub struct Process<M> {
    node: u64,
    id: u64,
    _m: PhantomData<M>,
}

impl<M> Clone for Process<M> {
    fn clone(&self) -> Self {
        Process::from_ids(self.node, self.id)
    }
}
impl<M> Copy for Process<M> {}

impl<M> Process<M> {
    pub fn from_ids(node: u64, id: u64) -> Self {
        Process { node, id, _m: PhantomData }
    }
    pub fn this() -> Self {
        Process::from_ids(unsafe { host::distributed::node_id() }, unsafe { host::process::process_id() })
    }
    pub fn id(&self) -> u64 {
        self.id
    }
    pub fn node_id(&self) -> u64 {
        self.node
    }
    pub fn link(&self) {
        unsafe { host::process::link(0, self.id) }
    }
    pub fn kill(&self) {
        unsafe { host::process::kill(self.id) }
    }
    pub fn monitor(&self) {
        unsafe { host::process::monitor(self.id) }
    }
    pub fn exists(&self) -> bool {
        unsafe { host::process::exists(self.id) != 0 }
    }
}

impl<M: Msg> Process<M> {
    pub fn send(&self, msg: M) {
        write_message(0, &msg);
        host::send(self.node, self.id);
    }
    pub fn tag_send(&self, tag: i64, msg: M) {
        write_message(tag, &msg);
        host::send(self.node, self.id);
    }
    /// Delivers msg after `ms` milliseconds (lunatic::timer::send_after).
    pub fn send_after(&self, msg: M, ms: u64) {
        write_message(0, &msg);
        unsafe { host::timer::send_after(self.id, ms) };
    }
}

/// The receiving end of a process: typed receive with optional tags and timeout.
pub struct Mailbox<M> {
    _m: PhantomData<M>,
}

/// What a receive returned.
#[derive(Debug, PartialEq)]
pub enum Received<M> {
    Message(M),
    /// A linked process died (die_when_link_dies(false)): the link's tag.
    LinkDied(i64),
    /// A monitored process died: its id.
    ProcessDied(u64),
    TimedOut,
}

impl<M: Msg> Mailbox<M> {
    /// Mailbox of the current process (lunatic-rs hands one to every entry).
    pub fn this() -> Self {
        Mailbox { _m: PhantomData }
    }
    pub fn receive(&self) -> M {
        loop {
            if let Received::Message(m) = self.receive_tags(&[], FOREVER) {
                return m;
            }
        }
    }
    pub fn receive_timeout(&self, ms: u64) -> Received<M> {
        self.receive_tags(&[], ms)
    }
    pub fn tag_receive(&self, tag: i64, ms: u64) -> Received<M> {
        self.receive_tags(&[tag], ms)
    }
    fn receive_tags(&self, tags: &[i64], ms: u64) -> Received<M> {
        match unsafe { host::message::receive(tags.as_ptr(), tags.len(), ms) } {
            0 => Received::Message(read_message::<M>().expect("message of the wrong shape")),
            1 => Received::LinkDied(unsafe { host::message::get_tag() }),
            2 => Received::ProcessDied(unsafe { host::message::get_process_id() }),
            _ => Received::TimedOut,
        }
    }
}

/// Called in the child by `_lunatic_spawn_by_index`: receives the captured value (the
/// first message, unless C is zero-sized) and runs the entry.
fn type_helper<C: Msg, M: Msg>(entry: i32) {
    let capture: C = if std::mem::size_of::<C>() == 0 {
        C::read(&mut &[][..]).unwrap()
    } else {
        match unsafe { host::message::receive(std::ptr::null(), 0, FOREVER) } {
            0 => read_message::<C>().expect("capture of the wrong shape"),
            _ => panic!("the first message of a spawned process must be its capture"),
        }
    };
    let entry: fn(C, Mailbox<M>) = unsafe { std::mem::transmute(entry as usize) };
    entry(capture, Mailbox::this());
}

#[export_name = "_lunatic_spawn_by_index_0.14.1"]
extern "C" fn lunatic_spawn_by_index(type_helper: i32, entry: i32) {
    let helper: fn(i32) = unsafe { std::mem::transmute(type_helper as usize) };
    helper(entry);
}

const SPAWN_FN: &str = "_lunatic_spawn_by_index_0.14.1";

fn spawn_params<C: Msg, M: Msg>(entry: fn(C, Mailbox<M>)) -> [u8; 34] {
    let helper = type_helper::<C, M> as fn(i32) as usize as u32;
    let entry = entry as usize as u32;
    let mut p = [0u8; 34];
    p[0] = 0x7F;
    p[1..5].copy_from_slice(&helper.to_le_bytes());
    p[17] = 0x7F;
    p[18..22].copy_from_slice(&entry.to_le_bytes());
    p
}

/// Why a spawn failed: the host's error text.
#[derive(Debug)]
pub struct SpawnError(pub String);

fn spawn_inner<C: Msg, M: Msg>(link: i64, capture: C, entry: fn(C, Mailbox<M>))
                               -> Result<Process<M>, SpawnError> {
    let params = spawn_params(entry);
    let mut id = 0u64;
    let rc = unsafe {
        host::process::spawn(link, -1, -1, SPAWN_FN.as_ptr(), SPAWN_FN.len(), params.as_ptr(),
                             params.len(), &mut id)
    };
    if rc != 0 {
        return Err(SpawnError(host::error_string(id)));
    }
    let child = Process::<C>::from_ids(unsafe { host::distributed::node_id() }, id);
    if std::mem::size_of::<C>() != 0 {
        child.send(capture);
    }
    Ok(Process::from_ids(child.node, child.id))
}

/// Spawns entry(capture, mailbox) in a new process (lunatic-rs's `Process::spawn`).
pub fn spawn<C: Msg, M: Msg>(capture: C, entry: fn(C, Mailbox<M>)) -> Process<M> {
    spawn_inner(0, capture, entry).expect("spawn failed")
}

/// The same, linked: its failure kills the caller (or is a LinkDied message with `tag`).
pub fn spawn_link<C: Msg, M: Msg>(tag: i64, capture: C, entry: fn(C, Mailbox<M>)) -> Process<M> {
    spawn_inner(tag, capture, entry).expect("spawn_link failed")
}

/// Spawns through lunatic::distributed on `node` (this node's own id spawns here).
pub fn spawn_on_node<C: Msg, M: Msg>(node: u64, capture: C, entry: fn(C, Mailbox<M>))
                                     -> Result<Process<M>, SpawnError> {
    let params = spawn_params(entry);
    let mut id = 0u64;
    let rc = unsafe {
        host::distributed::spawn(node, -1, host::distributed::module_id(), SPAWN_FN.as_ptr(),
                                 SPAWN_FN.len(), params.as_ptr(), params.len(), &mut id)
    };
    if rc != 0 {
        return Err(SpawnError(host::error_string(id)));
    }
    let child = Process::<C>::from_ids(node, id);
    if std::mem::size_of::<C>() != 0 {
        child.send(capture);
    }
    Ok(Process::from_ids(node, id))
}

/// A process registered under `name` (lunatic::process::get_or_spawn): the existing one
/// if the name is taken (Ok(false)), else a new one (Ok(true)).
pub fn get_or_spawn<C: Msg, M: Msg>(name: &str, capture: C, entry: fn(C, Mailbox<M>))
                                    -> Result<(Process<M>, bool), SpawnError> {
    let params = spawn_params(entry);
    let (mut node, mut id) = (0u64, 0u64);
    let rc = unsafe {
        host::process::get_or_spawn(name.as_ptr(), name.len(), 0, -1, -1, SPAWN_FN.as_ptr(),
                                    SPAWN_FN.len(), params.as_ptr(), params.len(), &mut node,
                                    &mut id)
    };
    match rc {
        0 => {
            let child = Process::<C>::from_ids(node, id);
            if std::mem::size_of::<C>() != 0 {
                child.send(capture);
            }
            Ok((Process::from_ids(node, id), true))
        }
        2 => Ok((Process::from_ids(node, id), false)),
        _ => Err(SpawnError(host::error_string(id))),
    }
}

/// The process registered under `name`, if any.
pub fn lookup<M>(name: &str) -> Option<Process<M>> {
    let (mut node, mut id) = (0u64, 0u64);
    match unsafe { host::registry::get(name.as_ptr(), name.len(), &mut node, &mut id) } {
        0 => Some(Process::from_ids(node, id)),
        _ => None,
    }
}

pub fn register<M>(name: &str, p: &Process<M>) {
    unsafe { host::registry::put(name.as_ptr(), name.len(), p.node, p.id) }
}

/// Linked processes' failures become LinkDied messages instead of killing this one.
pub fn trap_link_deaths() {
    unsafe { host::process::die_when_link_dies(0) }
}

pub fn sleep_ms(ms: u64) {
    unsafe { host::process::sleep_ms(ms) }
}

// ---- request/reply (the shape of lunatic-rs's AbstractProcess requests) ---------------

/// A request as it travels: who asked, the reply's tag, the payload.
pub struct Request<T> {
    pub from: u64,
    pub node: u64,
    pub reply_tag: i64,
    pub body: T,
}

impl<T: Msg> Msg for Request<T> {
    fn write(&self, out: &mut Vec<u8>) {
        self.from.write(out);
        self.node.write(out);
        self.reply_tag.write(out);
        self.body.write(out);
    }
    fn read(input: &mut &[u8]) -> Option<Self> {
        Some(Request {
            from: u64::read(input)?,
            node: u64::read(input)?,
            reply_tag: i64::read(input)?,
            body: T::read(input)?,
        })
    }
}

impl<T: Msg> Request<T> {
    /// Answers the request (tagged with its reply tag).
    pub fn reply<R: Msg>(&self, value: R) {
        write_message(self.reply_tag, &value);
        host::send(self.node, self.from);
    }
}

impl<T: Msg> Process<Request<T>> {
    /// Sends a request and waits (send_receive_skip_search) for its reply; None on timeout.
    pub fn request<R: Msg>(&self, body: T, timeout_ms: u64) -> Option<R> {
        let tag = new_tag();
        let me = Process::<()>::this();
        write_message(0, &Request { from: me.id, node: me.node, reply_tag: tag, body });
        match host::send_receive_skip_search(self.node, self.id, tag, timeout_ms) {
            0 => read_message::<R>(),
            _ => None,
        }
    }
}

// ---- catch_panic (lunatic::trap::catch) --------------------------------------------------

#[export_name = "_lunatic_catch_trap"]
extern "C" fn lunatic_catch_trap(function: i32, pointer: i32) -> i32 {
    let f: fn(i32) -> i32 = unsafe { std::mem::transmute(function as usize) };
    f(pointer)
}

fn call_boxed(pointer: i32) -> i32 {
    let f = unsafe { Box::from_raw(pointer as usize as *mut Box<dyn FnOnce()>) };
    f();
    1
}

/// Runs f; Err(()) if it panicked (its instance trapped: the process lives on).
pub fn catch_panic<F: FnOnce() + 'static>(f: F) -> Result<(), ()> {
    let boxed: Box<Box<dyn FnOnce()>> = Box::new(Box::new(f));
    let ptr = Box::into_raw(boxed) as usize as i32;
    match unsafe { host::trap::catch(call_boxed as fn(i32) -> i32 as usize as i32, ptr) } {
        0 => Err(()),
        _ => Ok(()),
    }
}

// ---- tests (the runtime's test mode) --------------------------------------------------------

/// Declares a test as lunatic-rs's `#[lunatic::test]` does: an export named
/// `#lunatic_test_<module path>::<name>`, with `#ignore_` and `#panic_<expected>#`
/// variants, that the runtime runs as a process of its own.
///
/// ```ignore
/// lunatic::test!(fn adds() { assert_eq!(1 + 1, 2) });
/// lunatic::test!(#[ignore] fn slow() { ... });
/// lunatic::test!(#[should_panic("boom")] fn explodes() { panic!("boom") });
/// ```
#[macro_export]
macro_rules! test {
    (fn $name:ident() $body:block) => {
        #[export_name = concat!("#lunatic_test_", module_path!(), "::", stringify!($name))]
        pub extern "C" fn $name() $body
    };
    (#[ignore] fn $name:ident() $body:block) => {
        #[export_name = concat!("#lunatic_test_#ignore_", module_path!(), "::", stringify!($name))]
        pub extern "C" fn $name() $body
    };
    (#[should_panic($msg:literal)] fn $name:ident() $body:block) => {
        #[export_name = concat!("#lunatic_test_#panic_", $msg, "#", module_path!(), "::",
                                stringify!($name))]
        pub extern "C" fn $name() $body
    };
    (#[ignore] #[should_panic($msg:literal)] fn $name:ident() $body:block) => {
        #[export_name = concat!("#lunatic_test_#ignore_#panic_", $msg, "#", module_path!(), "::",
                                stringify!($name))]
        pub extern "C" fn $name() $body
    };
}
