"""Flow files shared by the tests of both flow routes (core and Telegram)."""

WRONG = """\
name: A deliberately wrong expectation
locale: vi
steps:
  - user: "xin chao"
    expect:
      intent: greet
  - user: "cam on ban"
    expect:
      intent: goodbye
      reply_contains: ["this text is not in any reply"]
  - user: "tam biet"
"""
