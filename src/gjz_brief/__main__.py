from gjz_brief.cli import main

raise SystemExit(main())
