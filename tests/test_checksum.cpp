#include <gtest/gtest.h>

#include "util/checksum.hpp"

using namespace topdown;

TEST(Checksum, Crc32KnownValue) { EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u); }

TEST(Checksum, Sha256KnownValues) {
    Sha256 a;
    EXPECT_EQ(a.hex_digest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Sha256 b;
    b.update("abc", 3);
    EXPECT_EQ(b.hex_digest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 c;
    const std::string s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    c.update(s.data(), 20);
    c.update(s.data() + 20, s.size() - 20);
    EXPECT_EQ(c.hex_digest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
