%% fanin.erl — `make bench-actors` workload "fan-in", the Erlang twin of
%% bench/actors/fanin.c: S senders (default 100) each send M messages (default 100,000)
%% {msg, 1} .. {msg, M} to the root, which receives all S*M. The senders are spawned
%% first and wait for a start message; the clock runs from the first start message to
%% the last message received.
%%   result fanin_msgs_per_sec  S*M / elapsed seconds
%%   check  fanin_sum           sum of the values = S * M(M+1)/2
%% erl -noshell -pa DIR -run fanin main [S [M]]
-module(fanin).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    S = bench:arg(Args, 1, 100),
    M = bench:arg(Args, 2, 100000),
    Root = self(),
    Pids = [spawn(fun() -> sender(Root) end) || _ <- lists:seq(1, S)],
    T0 = bench:now_ns(),
    lists:foreach(fun(Pid) -> Pid ! {go, M} end, Pids),
    Sum = collect(S * M, 0),
    T1 = bench:now_ns(),
    bench:check(fanin_sum, Sum, S * (M * (M + 1) div 2)),
    bench:result(fanin_msgs_per_sec, round(S * M / ((T1 - T0) / 1.0e9))),
    bench:done().

sender(Root) ->
    receive {go, M} -> send(Root, 1, M) end.

send(_Root, I, M) when I > M -> ok;
send(Root, I, M) -> Root ! {msg, I}, send(Root, I + 1, M).

collect(0, Sum) -> Sum;
collect(K, Sum) -> receive {msg, V} -> collect(K - 1, Sum + V) end.
