%% spawnreply.erl — `make bench-actors` workload "spawnreply", the Erlang twin of the Rust
%% guest tests/rust/guests/src/bin/rust_spawn.rs: spawn_link a child, send it its first
%% message (the parent), wait for its answer; N times with each child ending, then N
%% times with all of them alive at once; then N/10 restarts of a child that fails after
%% answering (the parent traps exits and starts the next on each 'EXIT').
%%   result spawnreply_us, spawnreply_alive_us, spawnreply_restart_us
%%   check  spawnreply_replies                   2N + N/10
%% erl -noshell -pa DIR -run spawnreply main [N]
-module(spawnreply).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    N = bench:arg(Args, 1, 10000),
    process_flag(trap_exit, true),
    run(N div 10 + 1, false),
    {T1, R1} = run(N, false),
    {T2, R2} = run(N, true),
    K = N div 10 + 1,
    T3 = bench:now_ns(),
    restart(K),
    T4 = bench:now_ns(),
    bench:check(spawnreply_replies, R1 + R2 + K, 2 * N + K),
    bench:result(spawnreply_us, T1),
    bench:result(spawnreply_alive_us, T2),
    bench:result(spawnreply_restart_us, (T4 - T3) / 1000 / K),
    bench:done().

restart(0) -> ok;
restart(K) ->
    C = spawn_link(fun failing_child/0),
    C ! {self(), false},
    receive {C, _V} -> ok end,
    receive {'EXIT', C, fail} -> ok end,
    restart(K - 1).

failing_child() ->
    receive {Parent, _} -> Parent ! {self(), erlang:phash2(self())} end,
    exit(fail).

run(N, Alive) ->
    T0 = bench:now_ns(),
    Children = loop(N, Alive, []),
    T1 = bench:now_ns(),
    [C ! stop || C <- Children],
    {(T1 - T0) / 1000 / N, N}.

loop(0, _Alive, Acc) -> Acc;
loop(K, Alive, Acc) ->
    C = spawn_link(fun child/0),
    C ! {self(), Alive},
    receive {C, _V} -> ok end,
    loop(K - 1, Alive, case Alive of true -> [C | Acc]; false -> Acc end).

child() ->
    receive {Parent, Alive} -> Parent ! {self(), erlang:phash2(self())} end,
    case Alive of true -> receive stop -> ok end; false -> ok end.
