from hyoka_parse.cli import main

main()
