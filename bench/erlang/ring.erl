%% ring.erl — `make bench-actors` workload "ring", the Erlang twin of bench/actors/ring.c:
%% P processes (default 1,000) in a ring pass a token H hops (default 1,000,000). The
%% root sends each process the pid of the next one, then the token H to process 0; a
%% process receiving K > 0 passes K-1 on, the one receiving 0 tells the root its index.
%%   result ring_ns_per_hop   time from sending the token to the root hearing back / H
%%   check  ring_last_index   index of the process holding the token at the end = H mod P
%% erl -noshell -pa DIR -run ring main [P [H]]
-module(ring).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    P = bench:arg(Args, 1, 1000),
    H = bench:arg(Args, 2, 1000000),
    Root = self(),
    Pids = [spawn(fun() -> member(Root, I) end) || I <- lists:seq(0, P - 1)],
    [First | Rest] = Pids,
    lists:foreach(fun({Pid, Next}) -> Pid ! {next, Next} end,
                  lists:zip(Pids, Rest ++ [First])),
    T0 = bench:now_ns(),
    First ! {token, H},
    receive {done, Last} -> ok end,
    T1 = bench:now_ns(),
    lists:foreach(fun(Pid) -> Pid ! stop end, Pids),
    bench:check(ring_last_index, Last, H rem P),
    bench:result(ring_ns_per_hop, (T1 - T0) / H),
    bench:done().

member(Root, Index) ->
    receive {next, Next} -> loop(Root, Index, Next) end.

loop(Root, Index, Next) ->
    receive
        {token, 0} -> Root ! {done, Index}, loop(Root, Index, Next);
        {token, K} -> Next ! {token, K - 1}, loop(Root, Index, Next);
        stop -> ok
    end.
