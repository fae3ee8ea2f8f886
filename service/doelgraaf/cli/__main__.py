from doelgraaf.cli.commands import main

raise SystemExit(main())
