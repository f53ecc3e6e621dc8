%% memory.erl — `make bench-actors` workload "memory", the Erlang twin of
%% bench/actors/memory.c: N idle processes (default 1,000,000) alive at once. The driver
%% measures beam.smp's resident memory (VmRSS) at two points of this protocol:
%%   1. prints "start OS_PID" and waits for a line on stdin (the driver reads the baseline);
%%   2. spawns N processes in batches of 1,000: each sends the root up and waits for a
%%      message forever; the root collects each batch's answers before the next batch;
%%      (and prints "alive K" after every 100,000, so a failure shows how far it got);
%%   3. prints "ready N" and waits for a line (or EOF) on stdin (the driver reads RSS);
%%   4. halts.
%%   result memory_spawn_us_per_process  (informative) time of step 2 / N
%%   check  memory_alive                 answers received = N
%% erl +P 2000000 -noshell -pa DIR -run memory main [N]
-module(memory).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    N = bench:arg(Args, 1, 1000000),
    io:format("start ~s~n", [os:getpid()]),
    wait_line(),
    Root = self(),
    T0 = bench:now_ns(),
    Alive = spawn_batches(Root, N, 0),
    T1 = bench:now_ns(),
    bench:check(memory_alive, Alive, N),
    bench:result(memory_spawn_us_per_process, (T1 - T0) / 1.0e3 / N),
    io:format("ready ~b~n", [N]),
    wait_line(),
    bench:done().

wait_line() ->
    case io:get_line("") of
        {error, E} -> bench:fail(io_lib:format("memory: reading stdin failed: ~p", [E]));
        _ -> ok
    end.

spawn_batches(_Root, 0, Alive) -> Alive;
spawn_batches(Root, Left, Alive) ->
    Batch = min(Left, 1000),
    spawn_n(Root, Batch),
    Now = Alive + collect(Batch, 0),
    %% progress, for the driver's failure report
    case Now rem 100000 == 0 andalso Left > Batch of
        true -> io:format("alive ~b~n", [Now]);
        false -> ok
    end,
    spawn_batches(Root, Left - Batch, Now).

spawn_n(_Root, 0) -> ok;
spawn_n(Root, K) ->
    spawn(fun() -> Root ! up, receive stop -> ok end end),
    spawn_n(Root, K - 1).

collect(0, Sum) -> Sum;
collect(K, Sum) -> receive up -> collect(K - 1, Sum + 1) end.
