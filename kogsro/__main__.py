from kogsro.cli import main

main()
