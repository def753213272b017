#!/usr/bin/env bash
# Builds the packages with the one version in Directory.Build.props (<Version>).
#
#   bash scripts/pack.sh [--out DIR]                      desktop packages: OpenMvSsl, OpenMvSsl.Host, OpenMvSsl.Native
#   bash scripts/pack.sh --nano-bin DIR --native-checksum 0xXXXXXXXX [--out DIR]
#                                                         also OpenMvSsl.nanoFramework from a Visual Studio build of
#                                                         src/OpenMvSsl.Device (DIR holds OpenMvSsl.dll/.pe/.pdbx/.pdb/.xml)
#   bash scripts/pack.sh --version                        prints the version and does nothing else
#
# The nanoFramework nuspec has no version of its own: $version$ is filled in here (see nuget/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
if [ -z "$version" ]; then
    echo "pack.sh: no <Version> in Directory.Build.props" >&2
    exit 1
fi

out=artifacts/packages
nano_bin=
native_checksum=
while [ $# -gt 0 ]; do
    case "$1" in
        --version) echo "$version"; exit 0 ;;
        --out) out=$2; shift 2 ;;
        --nano-bin) nano_bin=$2; shift 2 ;;
        --native-checksum) native_checksum=$2; shift 2 ;;
        *) echo "pack.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for project in src/OpenMvSsl src/OpenMvSsl.Host src/OpenMvSsl.Native; do
    dotnet pack "$project" -c Release -nologo -o "$out" -p:Version="$version"
done

if [ -n "$nano_bin" ]; then
    if [ ! -f "$nano_bin/OpenMvSsl.pe" ]; then
        echo "pack.sh: $nano_bin/OpenMvSsl.pe not found: build src/OpenMvSsl.Device/OpenMvSsl.nfproj (Release) in Visual Studio first" >&2
        exit 1
    fi
    if [ -z "$native_checksum" ]; then
        echo "pack.sh: --native-checksum is required with --nano-bin (printed by firmware-bindings/nanoframework/install.sh)" >&2
        exit 1
    fi
    nano_bin=$(cd "$nano_bin" && pwd)
    # dotnet pack of any project can pack a nuspec; the Nano project is used because it needs no
    # extra SDK. --no-build: the assembly comes from the Visual Studio build, not from here.
    # nanoFramework libraries sit directly under lib/ (no framework folder): NuGet warns (NU5101)
    # about exactly that layout, so warnings stay warnings here.
    dotnet pack src/OpenMvSsl.Nano/OpenMvSsl.Nano.csproj --no-build -nologo -o "$out" \
        -p:TreatWarningsAsErrors=false \
        -p:NuspecFile="$PWD/nuget/OpenMvSsl.nanoFramework.nuspec" \
        -p:NuspecBasePath="$PWD/nuget" \
        "-p:NuspecProperties=\"version=$version;bin=$nano_bin;nativeChecksum=$native_checksum\""
fi

echo "packages in $out (version $version):"
ls -1 "$out"
