%% pingpong.erl — `make bench-actors` workload "ping-pong", the Erlang twin of
%% bench/actors/pingpong.c: two processes bounce a counter N times (default 1,000,000
%% round trips); ping times the exchange and reports to the root.
%%   result pingpong_ns_per_round_trip  time of the N round trips / N
%%   check  pingpong_counter            the final counter = 2N
%% erl -noshell -pa DIR -run pingpong main [N]
-module(pingpong).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    N = bench:arg(Args, 1, 1000000),
    Root = self(),
    Ping = spawn(fun() -> ping(Root) end),
    Pong = spawn(fun() -> pong(Ping) end),
    Ping ! {start, Pong, N},
    receive
        {result, Counter, Ns} ->
            bench:check(pingpong_counter, Counter, 2 * N),
            bench:result(pingpong_ns_per_round_trip, Ns / N)
    end,
    bench:done().

pong(Ping) ->
    receive
        {ball, V} -> Ping ! {ball, V + 1}, pong(Ping);
        stop -> ok
    end.

ping(Root) ->
    receive {start, Pong, N} -> ok end,
    T0 = bench:now_ns(),
    Counter = play(Pong, N, 0),
    T1 = bench:now_ns(),
    Pong ! stop,
    Root ! {result, Counter, T1 - T0}.

play(_Pong, 0, Counter) -> Counter;
play(Pong, K, Counter) ->
    Pong ! {ball, Counter + 1},
    receive {ball, V} -> play(Pong, K - 1, V) end.
