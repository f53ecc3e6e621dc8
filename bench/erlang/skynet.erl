%% skynet.erl — `make bench-actors` workload "skynet", the Erlang twin of
%% bench/actors/skynet.c: a tree of processes, each spawning 10 children down L levels
%% (default 6: 1,000,000 leaves, 1,111,111 processes). Leaf K sends K to its parent,
%% every inner process sends the sum of its children's answers.
%%   result skynet_ms   from the first spawn to the root's sum
%%   check  skynet_sum  = 10^L (10^L - 1) / 2 (499999500000 for L = 6)
%% erl -noshell -pa DIR -run skynet main [L]
-module(skynet).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    Levels = bench:arg(Args, 1, 6),
    Leaves = pow10(Levels),
    Root = self(),
    T0 = bench:now_ns(),
    spawn(fun() -> node(Root, Levels, 0) end),
    receive {sum, Sum} -> ok end,
    T1 = bench:now_ns(),
    bench:check(skynet_sum, Sum, Leaves * (Leaves - 1) div 2),
    bench:result(skynet_ms, (T1 - T0) / 1.0e6),
    bench:done().

pow10(0) -> 1;
pow10(L) -> 10 * pow10(L - 1).

%% The node covers the leaves [Num, Num + 10^Level).
node(Parent, 0, Num) -> Parent ! {sum, Num};
node(Parent, Level, Num) ->
    Self = self(),
    Size = pow10(Level - 1),
    [spawn(fun() -> node(Self, Level - 1, Num + I * Size) end) || I <- lists:seq(0, 9)],
    Parent ! {sum, collect(10, 0)}.

collect(0, Sum) -> Sum;
collect(K, Sum) -> receive {sum, S} -> collect(K - 1, Sum + S) end.
