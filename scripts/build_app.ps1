# Construit l'application de bureau sous Windows (même spec que sous Linux : packaging/explorateurs.spec).
# Sans droits d'administrateur : Python 3.11 installé « pour moi seulement » (python.org) suffit.
#   powershell -ExecutionPolicy Bypass -File scripts\build_app.ps1
# Résultat : dist\app\explorateurs\explorateurs.exe (un dossier à copier tel quel sur les postes).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv-app\Scripts\python.exe)) { py -3.11 -m venv .venv-app }
$py = ".venv-app\Scripts\python.exe"
& $py -m pip install -q --disable-pip-version-check babel build
& .venv-app\Scripts\pybabel.exe compile -D explorateurs -d locales
& $py -m build --wheel --outdir dist\wheel .
$wheel = Get-ChildItem dist\wheel\explorateurs_des_donnees-*.whl | Sort-Object LastWriteTime | Select-Object -Last 1
& $py -m pip install -q --disable-pip-version-check $wheel.FullName "pyinstaller>=6.10"
& $py -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $wheel.FullName
& .venv-app\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN --distpath dist\app packaging\explorateurs.spec
Write-Output "Application : dist\app\explorateurs\explorateurs.exe"
