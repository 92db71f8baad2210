from gjz_brief.cli import run

run()
