%% spawn.erl — `make bench-actors` workload "spawn", the Erlang twin of
%% bench/actors/spawn.c: spawn N processes (default 100,000) that each wait for a
%% message, then stop them: process I gets {stop, I} and answers {done, I}.
%%   result spawn_us_per_process  time of the spawn loop / N
%%   result spawn_total_ms        spawn loop + stopping every process (all answers in)
%%   check  spawn_done_sum        sum of the answers = N(N-1)/2
%% Then all again (see spawn.c):
%%   result spawn_again_us_per_process, check spawn_again_done_sum
%% erl -noshell -pa DIR -run spawn main [N]
-module(spawn).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    N = bench:arg(Args, 1, 100000),
    Self = self(),
    T0 = bench:now_ns(),
    Pids = spawn_all(N, Self, []),
    T1 = bench:now_ns(),
    stop_all(Pids, 0),
    Sum = collect(N, 0),
    T2 = bench:now_ns(),
    T3 = bench:now_ns(),
    Pids2 = spawn_all(N, Self, []),
    T4 = bench:now_ns(),
    stop_all(Pids2, 0),
    Sum2 = collect(N, 0),
    bench:check(spawn_done_sum, Sum, N * (N - 1) div 2),
    bench:check(spawn_again_done_sum, Sum2, N * (N - 1) div 2),
    bench:result(spawn_us_per_process, (T1 - T0) / 1.0e3 / N),
    bench:result(spawn_total_ms, (T2 - T0) / 1.0e6),
    bench:result(spawn_again_us_per_process, (T4 - T3) / 1.0e3 / N),
    bench:done().

waiter(Root) ->
    receive {stop, I} -> Root ! {done, I} end.

spawn_all(0, _Root, Acc) -> lists:reverse(Acc);
spawn_all(K, Root, Acc) -> spawn_all(K - 1, Root, [spawn(fun() -> waiter(Root) end) | Acc]).

stop_all([], _I) -> ok;
stop_all([P | Ps], I) -> P ! {stop, I}, stop_all(Ps, I + 1).

collect(0, Sum) -> Sum;
collect(K, Sum) -> receive {done, I} -> collect(K - 1, Sum + I) end.
