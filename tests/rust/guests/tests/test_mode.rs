//! The test binary for tycho's test mode (tests/rust/run.sh runs it through `cargo test`
//! with tycho as the runner, and directly with each harness option): tests that pass,
//! fail, panic as expected or not, are ignored, print, spawn processes and register
//! names (each test has a registry of its own).
use lunatic::{spawn, spawn_link, Mailbox, Process, Received, Request};

lunatic::test!(fn adds() {
    assert_eq!(1 + 1, 2);
});

lunatic::test!(fn prints_and_passes() {
    println!("this line is captured");
    eprintln!("and this one too");
});

lunatic::test!(fn fails_an_assertion() {
    println!("output before the failure");
    assert_eq!(2 + 2, 5, "arithmetic");
});

lunatic::test!(#[should_panic("boom")] fn panics_with_boom() {
    panic!("a boom happened");
});

lunatic::test!(#[should_panic("boom")] fn panics_with_something_else() {
    panic!("a bang happened");
});

lunatic::test!(#[should_panic("boom")] fn does_not_panic() {
    println!("no panic here");
});

lunatic::test!(#[should_panic("")] fn any_panic_will_do() {
    let v: Vec<u32> = Vec::new();
    std::hint::black_box(&v);
    let _ = v[3];
});

lunatic::test!(#[should_panic(r"a \# in it")] fn panics_with_a_hash() {
    panic!("a message with a # in it");
});

lunatic::test!(#[ignore] fn ignored_test() {
    panic!("an ignored test must not run");
});

lunatic::test!(#[ignore] #[should_panic("late")] fn ignored_should_panic() {
    panic!("too late");
});

fn doubler(_: (), mailbox: Mailbox<Request<u64>>) {
    loop {
        let req = mailbox.receive();
        req.reply(req.body * 2);
    }
}

lunatic::test!(fn spawns_and_requests() {
    let server = spawn((), doubler);
    for i in 0..100u64 {
        assert_eq!(server.request::<u64>(i, 5000), Some(i * 2));
    }
});

fn child_prints(_: (), _: Mailbox<()>) {
    println!("a child's line is captured with its test's output");
    panic!("the child fails");
}

lunatic::test!(fn a_linked_child_fails() {
    let _ = spawn_link(7, (), child_prints);
    lunatic::sleep_ms(5000); // killed by the link first
});

fn named(_: (), mailbox: Mailbox<u64>) {
    mailbox.receive();
}

// Both tests register "the-server": each test runs in its own environment (registry).
lunatic::test!(fn registers_a_name_1() {
    let (_p, fresh) = lunatic::get_or_spawn("the-server", (), named).unwrap();
    assert!(fresh, "the name was already taken: the registry is shared between tests");
    lunatic::sleep_ms(100);
});

lunatic::test!(fn registers_a_name_2() {
    let (_p, fresh) = lunatic::get_or_spawn("the-server", (), named).unwrap();
    assert!(fresh, "the name was already taken: the registry is shared between tests");
    lunatic::sleep_ms(100);
});

lunatic::test!(fn exits_with_a_status() {
    std::process::exit(3);
});

lunatic::test!(fn returns_after_a_timeout() {
    let mb = Mailbox::<u64>::this();
    assert_eq!(mb.receive_timeout(20), Received::TimedOut);
    let _ = Process::<u64>::this();
});
