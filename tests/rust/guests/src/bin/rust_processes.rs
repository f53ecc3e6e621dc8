//! A Lunatic program written the way lunatic-rs programs are (lunatic-mini reproduces its
//! host calls): processes spawned with a capture, sends that check the node first,
//! request/reply with send_receive_skip_search, links and monitors, a named process, the
//! registry, timers, catch_panic, and spawns through lunatic::distributed. Every line of
//! its output is checked (tests/rust/expected/rust_processes.out).
use lunatic::{
    catch_panic, get_or_spawn, lookup, spawn, spawn_link, spawn_on_node, trap_link_deaths,
    Mailbox, Process, Received, Request,
};

fn greeter(parent: Process<String>, mailbox: Mailbox<String>) {
    let name = mailbox.receive();
    parent.send(format!("hello, {name}"));
}

fn counter(start: u64, mailbox: Mailbox<Request<u64>>) {
    let mut total = start;
    loop {
        let req = mailbox.receive();
        total += req.body;
        req.reply(total);
    }
}

fn crasher(_: (), _: Mailbox<()>) {
    panic!("crasher gives up");
}

fn quiet(_: (), mailbox: Mailbox<u64>) {
    let _ = mailbox.receive_timeout(50);
}

fn reporter(parent: Process<u64>, _: Mailbox<()>) {
    parent.send(unsafe { lunatic::host::distributed::node_id() } + 1000);
}

fn main() {
    unsafe {
        println!("node {}, {} other nodes, module {}", lunatic::host::distributed::node_id(),
                 lunatic::host::distributed::nodes_count(),
                 lunatic::host::distributed::module_id());
    }
    let me = Process::<String>::this();
    let inbox = Mailbox::<String>::this();

    // a capture and a first message
    let g = spawn(me, greeter);
    g.send("tycho".to_string());
    println!("{}", inbox.receive());

    // request/reply
    let c = spawn(100u64, counter);
    let a: Option<u64> = c.request(5, 1000);
    let b: Option<u64> = c.request(7, 1000);
    println!("counter: {:?} then {:?}", a, b);

    // links: a crash becomes a message once link deaths are trapped
    trap_link_deaths();
    spawn_link(42, (), crasher);
    match Mailbox::<()>::this().tag_receive(42, 5000) {
        Received::LinkDied(tag) => println!("linked child died, link tag {tag}"),
        other => println!("unexpected: {:?}", other),
    }

    // monitors
    let q = spawn((), quiet);
    q.monitor();
    match Mailbox::<()>::this().receive_timeout(5000) {
        Received::ProcessDied(id) => println!("monitored process died: {}", id == q.id()),
        other => println!("unexpected: {:?}", other),
    }

    // named processes and the registry
    let (n1, fresh1) = get_or_spawn("counter", 1u64, counter).unwrap();
    let (n2, fresh2) = get_or_spawn("counter", 2u64, counter).unwrap();
    println!("get_or_spawn: new {fresh1}, then new {fresh2}, same process {}", n1.id() == n2.id());
    let found: Option<Process<Request<u64>>> = lookup("counter");
    println!("lookup: {:?}", found.map(|p| p.request::<u64>(10, 1000)));
    println!("lookup of a missing name: {}", lookup::<()>("nobody").is_none());

    // timers
    me.send_after("delayed".to_string(), 20);
    println!("{}", inbox.receive());

    // catch_panic
    println!("catch_panic of a panic: {:?}", catch_panic(|| panic!("caught")));
    println!("catch_panic of a return: {:?}", catch_panic(|| ()));

    // spawn through lunatic::distributed: this node, another one
    let mine = Process::<u64>::this();
    match spawn_on_node(0, mine, reporter) {
        Ok(_) => println!("spawned on node 0, it reports {}", Mailbox::<u64>::this().receive()),
        Err(e) => println!("spawn on node 0 failed: {}", e.0),
    }
    match spawn_on_node(9, mine, reporter) {
        Ok(_) => println!("spawned on node 9?"),
        Err(e) => println!("spawn on node 9: {}", e.0),
    }
    println!("done");
}
