//! The spawn of a Rust-shaped process (lunatic-rs's spawn_link plus the child's first
//! answer), timed from inside the guest; `make bench-actors` workload "spawnreply" (its
//! Erlang twin: bench/erlang/spawnreply.erl). `rust_spawn [N]` spawns N children one after
//! the other; each gets its capture (the parent's handle) as its first message and
//! answers with an entry of a 256 KiB data table; then it ends. Then N more that stay
//! alive until all have answered (N processes at once: no memory of an earlier child to
//! reuse). Then a supervisor's restart loop: N/10 children that panic after answering; the
//! parent traps link deaths, and each LinkDied starts the next. Prints, in bench-actors'
//! format:
//!   result spawnreply_us          mean time per spawn-and-first-reply, children ending
//!   result spawnreply_alive_us    the same, all children alive at once
//!   result spawnreply_restart_us  per restart: LinkDied of the failed child, spawn of the
//!                                 next, its first reply
//!   check  spawnreply_replies     replies received and checked = 2N + N/10
use guests::table_entry;
use lunatic::{spawn_link, trap_link_deaths, Mailbox, Process, Received};
use std::time::Instant;

fn failing_child(parent: Process<(u64, u64)>, _: Mailbox<()>) {
    let me = Process::<()>::this().id();
    parent.send((me, table_entry(me)));
    std::process::abort(); // a failure without a panic message (a trap)
}

fn child(parent: Process<(u64, u64)>, mailbox: Mailbox<u64>) {
    let me = Process::<()>::this().id();
    parent.send((me, table_entry(me)));
    if mailbox.receive() != 0 {
        mailbox.receive(); // "alive": stay until told
    }
}

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10000);
    let me = Process::<(u64, u64)>::this();
    let mailbox = Mailbox::<(u64, u64)>::this();
    let mut replies = 0u64;
    let mut run = |rounds: u64, alive: bool| {
        let mut children = Vec::new();
        let start = Instant::now();
        for _ in 0..rounds {
            let c = spawn_link(1, me, child);
            let (id, v) = mailbox.receive();
            assert_eq!(id, c.id());
            assert_eq!(v, table_entry(id));
            replies += 1;
            c.send(alive as u64);
            if alive {
                children.push(c);
            }
        }
        let t = start.elapsed();
        for c in &children {
            c.send(0);
        }
        t.as_secs_f64() * 1e6 / rounds as f64
    };
    run(n / 10 + 1, false); // warm up: the memory pool, the malloc arenas
    let ending = run(n, false);
    let alive = run(n, true);
    trap_link_deaths();
    let restarts = n / 10 + 1;
    let start = Instant::now();
    for _ in 0..restarts {
        let c = spawn_link(2, me, failing_child);
        let (id, v) = mailbox.receive();
        assert_eq!((id, v), (c.id(), table_entry(c.id())));
        replies += 1;
        assert_eq!(Mailbox::<()>::this().tag_receive(2, u64::MAX), Received::LinkDied(2));
    }
    let restart = start.elapsed().as_secs_f64() * 1e6 / restarts as f64;
    println!("check spawnreply_replies {}", replies - (n / 10 + 1));
    println!("result spawnreply_us {:.3}", ending);
    println!("result spawnreply_alive_us {:.3}", alive);
    println!("result spawnreply_restart_us {:.3}", restart);
}
