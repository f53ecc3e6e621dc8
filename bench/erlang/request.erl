%% request.erl — `make bench-actors` workload "request", the Erlang twin of
%% bench/actors/request.c: request/reply to a server R times with an empty mailbox, then
%% R times with Q unrelated messages queued (defaults 100,000 and 100,000). Each request
%% carries a fresh reference, received selectively (the BEAM's receive marker skips the
%% messages queued before the reference was made).
%%   result request_ns_empty, request_ns_queued   time per request
%%   check  request_sum, request_left
%% erl -noshell -pa DIR -run request main [R] [Q]
-module(request).
-export([main/0, main/1]).

main() -> main([]).

main(Args) ->
    R = bench:arg(Args, 1, 100000),
    Q = bench:arg(Args, 2, 100000),
    Srv = spawn(fun server/0),
    rounds(Srv, R div 10 + 1, 0),
    T0 = bench:now_ns(),
    S1 = rounds(Srv, R, 0),
    T1 = bench:now_ns(),
    Self = self(),
    [Self ! {noise, I} || I <- lists:seq(1, Q)],
    T2 = bench:now_ns(),
    S2 = rounds(Srv, R, 0),
    T3 = bench:now_ns(),
    Left = drain(0),
    Srv ! stop,
    bench:check(request_sum, S1 + S2, R * (R + 1)),
    bench:check(request_left, Left, Q),
    bench:result(request_ns_empty, (T1 - T0) / R),
    bench:result(request_ns_queued, (T3 - T2) / R),
    bench:done().

server() ->
    receive
        {req, From, Ref, N} -> From ! {Ref, N + 1}, server();
        stop -> ok
    end.

rounds(_Srv, 0, Sum) -> Sum;
rounds(Srv, K, Sum) ->
    Ref = make_ref(),
    Srv ! {req, self(), Ref, K - 1},
    receive {Ref, V} -> rounds(Srv, K - 1, Sum + V) end.

drain(N) ->
    receive {noise, _} -> drain(N + 1) after 0 -> N end.
