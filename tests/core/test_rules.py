def test_questions_and_polls_are_capped_so_snapshots_stay_small() -> None:
    from kanpe.core import rules
    from kanpe.core.events import Principal, evolve
    from kanpe.core.model import Role
    from kanpe.core.protocol import AskQuestion, ErrorCode, OpenPoll
    from kanpe.core.rundown import Rundown

    state = rules.initial_state("room1", "", Rundown())
    audience = Principal(role=Role.AUDIENCE, room="room1", client="a")
    host = Principal(role=Role.HOST, room="room1", client="host")
    for i in range(rules.MAX_QUESTIONS):
        events = rules.decide(state, audience, AskQuestion(id=f"q{i}", text="why?"), 1.0)
        assert isinstance(events, list)
        for event in events:
            evolve(state, event, state.version + 1)
    refused = rules.decide(state, audience, AskQuestion(id="one-more", text="why?"), 1.0)
    assert isinstance(refused, rules.Refusal)
    assert refused.code is ErrorCode.REFUSED
    for i in range(rules.MAX_POLLS):
        events = rules.decide(
            state, host, OpenPoll(id=f"p{i}", question="?", options=("a", "b")), 1.0
        )
        assert isinstance(events, list)
        for event in events:
            evolve(state, event, state.version + 1)
    refused = rules.decide(
        state, host, OpenPoll(id="p-more", question="?", options=("a", "b")), 1.0
    )
    assert isinstance(refused, rules.Refusal)
