%% http.erl — `make bench-net`: the Erlang twin of tycho's HTTP example (examples/http.c):
%% a keep-alive HTTP/1.1 server on gen_tcp with one process per connection. A pool of
%% acceptor processes (one per scheduler) waits in gen_tcp:accept/1 on the listening
%% socket; each accepted socket is handed to a new handler process
%% (gen_tcp:controlling_process/2) that reads with {active, false}, raw packets, and
%% parses the requests itself: every complete request in what it has read is answered,
%% in order, with one gen_tcp:send/2 for the lot (so pipelined requests work and cost one
%% write). The answers:
%%   GET /      200, Content-Type: text/plain, Content-Length: 14, "Hello, World!\n"
%%   GET /json  200, Content-Type: application/json, {"message":"Hello, World!"}
%%   other GET (or HEAD) paths 404; other methods 405 (a request body, by Content-Length,
%%   is skipped); a malformed request, or a head or body over 64 KiB: 400, and the
%%   connection closes.
%% Connections stay open (HTTP/1.1) unless the request says "Connection: close", or is
%% HTTP/1.0 without "Connection: keep-alive".
%% Prints "listening on 127.0.0.1:PORT" once it accepts connections, then runs until the
%% VM is stopped.
%%   erl -noshell +S N:N -pa DIR -run http main [PORT]      (PORT 0 or absent: any free one)
-module(http).
-export([main/0, main/1]).

-define(MAX_HEAD, 65536).
-define(HELLO, <<"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\n"
                 "Hello, World!\n">>).
-define(JSON, <<"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n"
                "{\"message\":\"Hello, World!\"}">>).
-define(NOT_FOUND, <<"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n"
                     "Not Found\n">>).
-define(NOT_ALLOWED, <<"HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 19\r\nAllow: GET, HEAD\r\n\r\nMethod Not Allowed\n">>).
-define(BAD_REQUEST, <<"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
                       "Connection: close\r\n\r\nBad Request\n">>).

main() -> main([]).

main(Args) ->
    Port = case Args of
               [] -> 0;
               [P | _] -> list_to_integer(P)
           end,
    {ok, Listen} = gen_tcp:listen(Port, [binary, {packet, raw}, {active, false},
                                         {ip, {127, 0, 0, 1}}, {reuseaddr, true},
                                         {backlog, 4096}, {nodelay, true}]),
    {ok, Actual} = inet:port(Listen),
    %% Patterns compiled once, shared by every handler (persistent_term: read without copying).
    persistent_term:put({?MODULE, eoh}, binary:compile_pattern(<<"\r\n\r\n">>)),
    persistent_term:put({?MODULE, headers},
                        binary:compile_pattern([<<"\r\nConnection:">>, <<"\r\nconnection:">>,
                                                <<"\r\nContent-Length:">>, <<"\r\ncontent-length:">>])),
    [spawn_link(fun() -> acceptor(Listen) end)
     || _ <- lists:seq(1, erlang:system_info(schedulers))],
    io:format("listening on 127.0.0.1:~b~n", [Actual]),
    %% This process owns the listening socket: it must stay alive.
    receive stop -> ok end.

acceptor(Listen) ->
    case gen_tcp:accept(Listen) of
        {ok, Sock} ->
            Pid = spawn(fun() -> receive {go, S} -> loop(S, <<>>) end end),
            case gen_tcp:controlling_process(Sock, Pid) of
                ok -> Pid ! {go, Sock};
                {error, _} -> exit(Pid, kill), gen_tcp:close(Sock)
            end,
            acceptor(Listen);
        {error, closed} ->
            ok;
        {error, _} ->          % emfile, econnaborted, ...: keep accepting
            acceptor(Listen)
    end.

%% Buf: bytes read but not yet a complete request.
loop(Sock, Buf) ->
    case gen_tcp:recv(Sock, 0) of
        {ok, Data} ->
            case requests(Sock, <<Buf/binary, Data/binary>>, []) of
                {more, Rest} -> loop(Sock, Rest);
                close -> gen_tcp:close(Sock)
            end;
        {error, _} ->
            gen_tcp:close(Sock)
    end.

%% Answers every complete request in Buf; Out: the answers so far, in reverse.
requests(Sock, Buf, Out) ->
    case binary:match(Buf, persistent_term:get({?MODULE, eoh})) of
        nomatch when byte_size(Buf) > ?MAX_HEAD ->
            finish(Sock, [?BAD_REQUEST | Out], close);
        nomatch ->
            finish(Sock, Out, {more, Buf});
        {Pos, 4} ->
            <<Head:Pos/binary, _:4/binary, Rest/binary>> = Buf,
            case request(Head) of
                {Answer, Keep, 0} ->
                    next(Sock, Answer, Keep, Rest, Out);
                {Answer, Keep, BodyLen} when byte_size(Rest) >= BodyLen ->
                    <<_:BodyLen/binary, Rest2/binary>> = Rest,
                    next(Sock, Answer, Keep, Rest2, Out);
                {_, _, BodyLen} when BodyLen =< ?MAX_HEAD ->
                    finish(Sock, Out, {more, Buf});   % the body is not all here: wait
                _ ->                                  % malformed, or a body too big
                    finish(Sock, [?BAD_REQUEST | Out], close)
            end
    end.

next(Sock, Answer, true, Rest, Out) -> requests(Sock, Rest, [Answer | Out]);
next(Sock, Answer, false, _Rest, Out) -> finish(Sock, [Answer | Out], close).

finish(_Sock, [], Then) -> Then;
finish(Sock, Out, Then) ->
    case gen_tcp:send(Sock, lists:reverse(Out)) of
        ok -> Then;
        {error, _} -> close
    end.

%% Head: the request line and headers, without the final CRLF CRLF.
%% Returns {Answer, KeepAlive, BodyLength} or bad.
request(<<"GET / HTTP/1.1", Tail/binary>>) -> answer(?HELLO, Tail, true, get);
request(<<"GET /json HTTP/1.1", Tail/binary>>) -> answer(?JSON, Tail, true, get);
request(Head) ->
    case binary:split(Head, <<"\r\n">>) of
        [Line | Headers] ->
            case binary:split(Line, <<" ">>, [global]) of
                [Method, Path, <<"HTTP/1.", V>>] when V =:= $0; V =:= $1 ->
                    Tail = case Headers of [] -> <<>>; [H] -> <<"\r\n", H/binary>> end,
                    answer(route(Method, Path), Tail, V =:= $1, method(Method));
                _ ->
                    bad
            end;
        _ ->
            bad
    end.

method(<<"GET">>) -> get;
method(<<"HEAD">>) -> head;
method(_) -> other.

route(<<"GET">>, <<"/">>) -> ?HELLO;
route(<<"GET">>, <<"/json">>) -> ?JSON;
route(<<"HEAD">>, <<"/">>) -> head_of(?HELLO);
route(<<"HEAD">>, <<"/json">>) -> head_of(?JSON);
route(<<"GET">>, _) -> ?NOT_FOUND;
route(<<"HEAD">>, _) -> head_of(?NOT_FOUND);
route(_, _) -> ?NOT_ALLOWED.

head_of(Answer) ->
    [Head, _Body] = binary:split(Answer, <<"\r\n\r\n">>),
    <<Head/binary, "\r\n\r\n">>.

%% Tail: the headers, each line starting with CRLF ("" when there are none). The common
%% case (GET, no Connection or Content-Length header) costs one binary:match.
answer(Answer, <<>>, Keep, _) ->
    {Answer, Keep, 0};
answer(_, <<C, _/binary>>, _, _) when C =/= $\r ->
    bad;                                   % e.g. "GET / HTTP/1.10"
answer(Answer, Tail, Keep, Method) ->
    case binary:match(Tail, persistent_term:get({?MODULE, headers})) of
        nomatch -> {Answer, Keep, 0};
        _ -> headers(Answer, binary:split(Tail, <<"\r\n">>, [global, trim_all]), Keep, 0, Method)
    end.

headers(Answer, [], Keep, Len, _) ->
    {Answer, Keep, Len};
headers(Answer, [H | Hs], Keep, Len, Method) ->
    case binary:split(H, <<":">>) of
        [Name, Value] ->
            case string:lowercase(Name) of
                <<"connection">> ->
                    V = string:lowercase(string:trim(Value)),
                    Keep2 = case V of
                                <<"close">> -> false;
                                <<"keep-alive">> -> true;
                                _ -> Keep
                            end,
                    headers(Answer, Hs, Keep2, Len, Method);
                <<"content-length">> ->
                    case catch binary_to_integer(string:trim(Value)) of
                        N when is_integer(N), N >= 0 -> headers(Answer, Hs, Keep, N, Method);
                        _ -> bad
                    end;
                _ ->
                    headers(Answer, Hs, Keep, Len, Method)
            end;
        _ ->
            bad
    end.
