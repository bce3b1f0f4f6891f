"""Which ETags name a digest the download is checked against, and the running digest."""

import hashlib

from pixop_desktop.transfer.digests import RunningDigest, digest_mismatch, digest_named_by

SHA = hashlib.sha256(b"abc").hexdigest()
MD5 = hashlib.md5(b"abc").hexdigest()


def test_known_digest_shapes_quoted_or_not():
    assert digest_named_by(f'"{SHA}"') == ("sha256", SHA)
    assert digest_named_by(SHA.upper()) == ("sha256", SHA)


def test_other_etags_are_only_version_tags():
    # An MD5-shaped ETag is not trusted: encrypted cloud objects carry such ETags that are not the MD5.
    for etag in (None, "", f'W/"{SHA}"', f'"{MD5}"', '"' + "a" * 40 + '"', '"abc-3"', '"' + "z" * 64 + '"'):
        assert digest_named_by(etag) is None, etag


def test_a_resumed_digest_catches_up_from_the_partial(tmp_path):
    part = tmp_path / "x.part"
    part.write_bytes(b"ab")
    digest = RunningDigest("sha256")
    digest.catch_up(part, 2)
    digest.update(b"c")
    assert digest_mismatch(digest, SHA, 3) is None
    assert digest_mismatch(digest, hashlib.sha256(b"abd").hexdigest(), 3) == "SHA256"
    assert digest_mismatch(digest, SHA, 4) is None  # not the whole file: nothing to say
