# seed: demo:0.5
"""A large first sync (the national service's whole register of a half-size national network) runs on the sync
thread: while it runs, the window keeps answering the accessibility bus within a fraction of a second, shows progress
that moves. No database or network call ever ran on the UI
thread (the client aborts with "BUG:" in its log if one does; the log is checked on quit)."""

import time

import kaiku_gui as g


def main():
    a = g.Admin(user="kaikukeskus")
    progress = a.wait_id("sync-progress")
    frame = a.find_role(g.pyatspi.ROLE_FRAME)

    # Probe the UI thread while the first sync runs: every AT-SPI call is answered by the UI thread.
    latencies, texts = [], set()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        t0 = time.monotonic()
        frame.clear_cache()
        _ = frame.name
        text = g.name_of(progress)
        latencies.append(time.monotonic() - t0)
        texts.add(text)
        if "finished" in text:
            break
        time.sleep(0.05)
    else:
        raise g.Failure("the first sync did not finish within 240 s")
    moving = [t for t in texts if "Receiving data" in t]
    worst = max(latencies)
    g.log(f"during the first sync: {len(latencies)} probes, worst answer {worst * 1000:.0f} ms, "
          f"median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, {len(moving)} distinct progress texts")
    if worst > 1.0:
        raise g.Failure(f"the window did not answer for {worst:.1f} s during the sync")
    if len(moving) < 2:
        raise g.Failure(f"the progress did not move during the sync: {sorted(texts)}")
    cards = g.server_query("SELECT COUNT(*) FROM card")[0][0]
    g.log(f"the register has {cards} cards; status: {a.status()!r}")
    a.quit()


g.run(main)
