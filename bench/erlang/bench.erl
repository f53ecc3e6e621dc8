%% bench.erl — shared by the bench/erlang/ programs (the Erlang side of
%% `make bench-actors`): arguments, the monotonic clock, and the output lines the driver
%% reads ("result KEY VALUE", "check KEY VALUE"). A wrong checksum prints "FAIL ..." on
%% stderr and halts with status 1, so a broken run fails loudly.
-module(bench).
-export([arg/3, now_ns/0, check/3, result/2, done/0, fail/1]).

%% The I-th argument (1-based) as a positive integer, or Default when absent.
arg(Args, I, Default) when length(Args) < I -> Default;
arg(Args, I, _Default) ->
    S = lists:nth(I, Args),
    case catch list_to_integer(S) of
        V when is_integer(V), V > 0 -> V;
        _ -> fail(io_lib:format("argument ~b: not a positive integer: ~s", [I, S]), 2)
    end.

now_ns() -> erlang:monotonic_time(nanosecond).

check(Key, Want, Want) -> io:format("check ~s ~b~n", [Key, Want]);
check(Key, Got, Want) -> fail(io_lib:format("~s: got ~p, want ~p", [Key, Got, Want])).

result(Key, Value) when is_float(Value) ->
    io:format("result ~s ~s~n", [Key, float_to_list(Value, [{decimals, 3}])]);
result(Key, Value) ->
    io:format("result ~s ~p~n", [Key, Value]).

%% Ends the VM at once (no orderly shutdown of the processes still alive).
done() -> erlang:halt(0).

fail(Text) -> fail(Text, 1).
fail(Text, Status) ->
    io:format(standard_error, "FAIL ~s~n", [Text]),
    erlang:halt(Status).
